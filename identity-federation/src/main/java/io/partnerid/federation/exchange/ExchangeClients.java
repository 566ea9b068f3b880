package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * Authenticates the client of a token exchange request and describes its allowances.
 *
 * <p>Implementations must be thread-safe. Called once per exchange request, before anything else is looked at.
 * Empty means the client is unknown or its credentials are wrong (the SDK answers {@code invalid_client} without
 * saying which). Secrets must be stored hashed and compared in constant time. The host adapts its client registry
 * (for example {@code io.partnerid.core.client.ClientService#verifySecret}) to this interface;
 * {@link InMemoryExchangeClients} is for tests and local development.
 */
@FunctionalInterface
public interface ExchangeClients {

    /**
     * The client, if {@code credentials} authenticate it for requests at {@code org}.
     *
     * @param org the organization whose token endpoint received the request
     */
    Optional<ExchangeClient> authenticate(OrgId org, ClientCredentials credentials);
}
