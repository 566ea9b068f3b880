package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Set;

/**
 * What the exchange needs to know about an authenticated client: whether it may use the token-exchange grant, and
 * which scopes and audiences it may obtain.
 *
 * <p>Immutable and thread-safe. A narrow view until {@code io.partnerid.core.client.ClientApplication} is wired
 * through an {@link ExchangeClients} adapter.
 *
 * @param clientId the client id
 * @param owner the organization that owns the client
 * @param tokenExchangeAllowed whether the client is registered for the token-exchange grant
 * @param allowedScopes the scopes it may obtain
 * @param allowedAudiences the audiences (resources) it may obtain tokens for
 */
public record ExchangeClient(String clientId, OrgId owner, boolean tokenExchangeAllowed, Set<String> allowedScopes,
                             Set<String> allowedAudiences) {

    public ExchangeClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(owner, "owner");
        allowedScopes = Set.copyOf(allowedScopes);
        allowedAudiences = Set.copyOf(allowedAudiences);
    }
}
