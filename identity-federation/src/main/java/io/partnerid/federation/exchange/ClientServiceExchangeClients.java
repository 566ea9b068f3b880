package io.partnerid.federation.exchange;

import io.partnerid.core.client.ClientApplication;
import io.partnerid.core.client.ClientId;
import io.partnerid.core.client.ClientService;
import io.partnerid.core.client.GrantTypes;
import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ExchangeClients} backed by the SDK's client registry ({@link ClientService}): the secret is checked by
 * {@link ClientService#verifySecret} (constant work, refuses clients of suspended organizations), and the client's
 * registered grant types, scopes and audiences become its exchange allowances. A client authenticates only at the
 * organization that owns it (after the secret check, so the answer costs the same either way).
 *
 * <p>Thread-safe (the client service is).
 */
public final class ClientServiceExchangeClients implements ExchangeClients {

    private final ClientService clients;

    public ClientServiceExchangeClients(ClientService clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    @Override
    public Optional<ExchangeClient> authenticate(OrgId org, ClientCredentials credentials) {
        Objects.requireNonNull(org, "org");
        ClientId id;
        try {
            id = ClientId.of(credentials.clientId());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (credentials.secret().isEmpty() || !clients.verifySecret(id, credentials.secret().get())) {
            return Optional.empty();
        }
        // R5: a client of another organization does not authenticate here (same answer as a wrong secret)
        return clients.findClient(id).filter(app -> app.orgId().equals(org))
                .map(ClientServiceExchangeClients::toExchangeClient);
    }

    private static ExchangeClient toExchangeClient(ClientApplication app) {
        return ExchangeClient.builder(app.id().value(), app.orgId())
                .tokenExchangeAllowed(app.allowsGrantType(GrantTypes.TOKEN_EXCHANGE))
                .allowedScopes(app.scopes()).allowedAudiences(app.audiences()).build();
    }
}
