package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * Authenticates the client of a token exchange request and describes its allowances.
 *
 * <p>Implementations must be thread-safe. Called once per exchange request, before anything else is looked at.
 * Empty means the client is unknown, its credentials are wrong, or it belongs to another organization than
 * {@code org} (the SDK answers {@code invalid_client} without saying which). A client may exchange only at its own
 * organization's token endpoint: implementations must not return a client whose {@link ExchangeClient#owner()} is
 * not {@code org}, and the SDK refuses such a client again itself. Secrets must be stored hashed and compared in constant time. The host adapts its client registry
 * (for example {@code io.partnerid.core.client.ClientService#verifySecret}) to this interface;
 * {@link InMemoryExchangeClients} is for tests and local development.
 */
@FunctionalInterface
public interface ExchangeClients {

    /**
     * The client, if {@code credentials} authenticate it and it is owned by {@code org}; empty otherwise.
     *
     * @param org the organization whose token endpoint received the request
     */
    Optional<ExchangeClient> authenticate(OrgId org, ClientCredentials credentials);
}
