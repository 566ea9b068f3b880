package io.partnerid.testkit.client;

import io.partnerid.core.client.GrantTypes;
import io.partnerid.core.client.ClientService.NewClient;
import java.util.Objects;
import java.util.Set;

/**
 * Fixture builders for client applications: sensible defaults, override only what a test is about.
 *
 * <p>Stateless and thread-safe; each builder is a fresh, single-threaded object.
 *
 * <pre>{@code
 * ClientRegistration machine = clients.register(acme.id(), ClientFixtures.newClient().build());
 * ClientRegistration spa = clients.register(acme.id(), ClientFixtures.newClient().publicWebApp().build());
 * }</pre>
 */
public final class ClientFixtures {

    private ClientFixtures() {
    }

    /**
     * A builder of a confidential machine client {@code client}: grant {@code client_credentials}, scope
     * {@code orders:read}, audience {@code https://api.example}, no redirect URI.
     */
    public static NewClientBuilder newClient() {
        return new NewClientBuilder();
    }

    /** Builds {@link NewClient} requests. Not thread-safe. */
    public static final class NewClientBuilder {
        private String name = "client";
        private Set<String> grantTypes = Set.of(GrantTypes.CLIENT_CREDENTIALS);
        private Set<String> redirectUris = Set.of();
        private Set<String> scopes = Set.of("orders:read");
        private Set<String> audiences = Set.of("https://api.example");
        private boolean confidential = true;

        private NewClientBuilder() {
        }

        /** The display name (default {@code client}). */
        public NewClientBuilder name(String value) {
            this.name = Objects.requireNonNull(value, "name");
            return this;
        }

        /** The grant types (default {@code client_credentials}). */
        public NewClientBuilder grantTypes(String... values) {
            this.grantTypes = Set.of(values);
            return this;
        }

        /** The redirect URIs (default none). */
        public NewClientBuilder redirectUris(String... values) {
            this.redirectUris = Set.of(values);
            return this;
        }

        /** The scopes (default {@code orders:read}). */
        public NewClientBuilder scopes(String... values) {
            this.scopes = Set.of(values);
            return this;
        }

        /** The audiences (default {@code https://api.example}). */
        public NewClientBuilder audiences(String... values) {
            this.audiences = Set.of(values);
            return this;
        }

        /** Whether the client gets a secret (default true). */
        public NewClientBuilder confidential(boolean value) {
            this.confidential = value;
            return this;
        }

        /**
         * A public browser app: {@code authorization_code} + {@code refresh_token}, redirect URI
         * {@code https://app.example/callback}, no secret.
         */
        public NewClientBuilder publicWebApp() {
            this.grantTypes = Set.of(GrantTypes.AUTHORIZATION_CODE, GrantTypes.REFRESH_TOKEN);
            this.redirectUris = Set.of("https://app.example/callback");
            this.confidential = false;
            return this;
        }

        /** The request. */
        public NewClient build() {
            return NewClient.builder(name).grantTypes(grantTypes).redirectUris(redirectUris).scopes(scopes)
                    .audiences(audiences).confidential(confidential).build();
        }
    }
}
