package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Optional;

/**
 * Step "authenticate client" (RFC 6749 §2.3, R5): the client authenticates, and only at the organization that owns
 * it, whatever the {@link ExchangeClients} implementation answers.
 *
 * <p>Thread-safe when the {@link ExchangeClients} is; one instance serves every request.
 */
final class ClientAuthentication {

    private final ExchangeClients clients;

    ClientAuthentication(ExchangeClients clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    /** The authenticated client of {@code org}; refuses {@code exchange.client_authentication_failed}. */
    StepOutcome<ExchangeClient> authenticate(OrgId org, ClientCredentials credentials) {
        // R5: a client exchanges only at the organization that owns it (the same answer as an unknown client)
        Optional<ExchangeClient> client = clients.authenticate(org, credentials).filter(c -> c.owner().equals(org));
        if (client.isEmpty()) {
            return StepOutcome.refuse(ExchangeErrors.CLIENT_AUTHENTICATION_FAILED, "Client authentication failed.");
        }
        return StepOutcome.pass(client.get());
    }
}
