package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * What the exchange needs to know about an authenticated client: the organization that owns it, whether it may use
 * the token-exchange grant, and which scopes and audiences it may obtain.
 *
 * <p>Immutable and thread-safe. A narrow view until {@code io.partnerid.core.client.ClientApplication} is wired
 * through an {@link ExchangeClients} adapter. Build with {@link #builder(String, OrgId)}; the defaults are closed
 * (not registered for the grant, no scope, no audience):
 *
 * <pre>{@code
 * ExchangeClient gateway = ExchangeClient.builder("partner-gateway", acme)
 *         .tokenExchangeAllowed(true)
 *         .allowedScopes("orders:read")
 *         .allowedAudiences("https://orders.example.com")
 *         .build();
 * }</pre>
 *
 * @param clientId the client id
 * @param owner the organization that owns the client; it may exchange only at that organization's token endpoint
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

    /** Starts a client owned by {@code owner}. */
    public static Builder builder(String clientId, OrgId owner) {
        return new Builder(clientId, owner);
    }

    /** Builds an {@link ExchangeClient}. Not thread-safe. */
    public static final class Builder {
        private final String clientId;
        private final OrgId owner;
        private boolean tokenExchangeAllowed;
        private Set<String> allowedScopes = Set.of();
        private Set<String> allowedAudiences = Set.of();

        private Builder(String clientId, OrgId owner) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.owner = Objects.requireNonNull(owner, "owner");
        }

        /** Whether the client is registered for the token-exchange grant (default false). */
        public Builder tokenExchangeAllowed(boolean value) {
            this.tokenExchangeAllowed = value;
            return this;
        }

        /** The scopes it may obtain (default none). */
        public Builder allowedScopes(String... values) {
            return allowedScopes(Set.of(values));
        }

        /** The scopes it may obtain (default none). */
        public Builder allowedScopes(Collection<String> values) {
            this.allowedScopes = Set.copyOf(values);
            return this;
        }

        /** The audiences it may obtain tokens for (default none). */
        public Builder allowedAudiences(String... values) {
            return allowedAudiences(Set.of(values));
        }

        /** The audiences it may obtain tokens for (default none). */
        public Builder allowedAudiences(Collection<String> values) {
            this.allowedAudiences = Set.copyOf(values);
            return this;
        }

        public ExchangeClient build() {
            return new ExchangeClient(clientId, owner, tokenExchangeAllowed, allowedScopes, allowedAudiences);
        }
    }
}
