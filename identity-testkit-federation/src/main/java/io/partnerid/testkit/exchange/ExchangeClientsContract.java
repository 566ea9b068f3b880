package io.partnerid.testkit.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.federation.exchange.ClientCredentials;
import io.partnerid.federation.exchange.ExchangeClient;
import io.partnerid.federation.exchange.ExchangeClients;
import io.partnerid.testkit.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ExchangeClients} must pass;
 * {@link io.partnerid.federation.exchange.InMemoryExchangeClients} and
 * {@link io.partnerid.federation.exchange.ClientServiceExchangeClients} extend it.
 *
 * <p>Published in identity-testkit-federation: a host that adapts its own client registry extends it in its tests and
 * registers clients through {@link #register}. Not thread-safe; JUnit creates one instance per test. Every client a
 * test registers is new, so one registry may serve every test. Pinned semantics: the right secret authenticates the
 * client at its organization and returns exactly what it was registered with (owner, whether it may use the
 * token-exchange grant, scopes, audiences); a wrong, shortened, extended or differently cased secret, another
 * client's secret, an empty or absent secret, and an unknown or malformed client id all answer empty, alike (the SDK
 * then answers {@code invalid_client} without saying which); concurrent authentications each get their own client.
 */
public abstract class ExchangeClientsContract {

    /**
     * A client registered for a test.
     *
     * @param client what {@link ExchangeClients#authenticate} must return for it (the id the registry assigned)
     * @param secret the secret that authenticates it
     */
    protected record Registered(ExchangeClient client, String secret) {
        public Registered {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(secret, "secret");
        }

        @Override
        public String toString() {
            return "Registered[" + client + "]";
        }
    }

    /** The implementation under test; the same instance for the whole test. */
    protected abstract ExchangeClients clients();

    /**
     * Registers a new client, owned by an (active) organization of the subclass's choosing, with these allowances, in
     * the registry that {@link #clients()} reads, and returns it with its secret.
     */
    protected abstract Registered register(boolean tokenExchangeAllowed, Set<String> scopes, Set<String> audiences);

    private Registered gateway() {
        return register(true, Set.of("orders:read", "orders:write"), Set.of("https://orders.example.com"));
    }

    private Optional<ExchangeClient> authenticate(Registered r, ClientCredentials credentials) {
        return clients().authenticate(r.client().owner(), credentials);
    }

    @Test
    void authenticateWhenSecretRightThenTheRegisteredClientWithItsAllowances() {
        Registered gateway = gateway();

        Optional<ExchangeClient> found = authenticate(gateway,
                ClientCredentials.of(gateway.client().clientId(), gateway.secret()));

        assertThat(found).contains(gateway.client());
        assertThat(found.get().tokenExchangeAllowed()).isTrue();
        assertThat(found.get().allowedScopes()).containsExactlyInAnyOrder("orders:read", "orders:write");
        assertThat(found.get().allowedAudiences()).containsExactly("https://orders.example.com");
    }

    @Test
    void authenticateWhenRegisteredWithoutTheExchangeGrantThenAuthenticatedButNotAllowed() {
        Registered batch = register(false, Set.of("orders:read"), Set.of());

        Optional<ExchangeClient> found = authenticate(batch,
                ClientCredentials.of(batch.client().clientId(), batch.secret()));

        assertThat(found).contains(batch.client());
        assertThat(found.get().tokenExchangeAllowed()).isFalse();
    }

    @Test
    void authenticateWhenSecretWrongThenEmpty() {
        Registered gateway = gateway();
        String id = gateway.client().clientId();
        String secret = gateway.secret();
        List<String> wrong = new ArrayList<>(List.of(secret + "x", secret.substring(0, secret.length() - 1),
                " " + secret, "", "wrong"));
        if (!secret.toUpperCase(Locale.ROOT).equals(secret)) {
            wrong.add(secret.toUpperCase(Locale.ROOT));
        }
        for (String attempt : wrong) {
            assertThat(authenticate(gateway, ClientCredentials.of(id, attempt))).as("secret variant").isEmpty();
        }
    }

    @Test
    void authenticateWhenSecretAbsentThenEmpty() {
        Registered gateway = gateway();
        assertThat(authenticate(gateway, new ClientCredentials(gateway.client().clientId(), Optional.empty())))
                .isEmpty();
    }

    @Test
    void authenticateWhenAnotherClientsSecretThenEmpty() {
        Registered gateway = gateway();
        Registered other = gateway();
        assertThat(authenticate(gateway, ClientCredentials.of(gateway.client().clientId(), other.secret())))
                .isEmpty();
        assertThat(authenticate(other, ClientCredentials.of(other.client().clientId(), gateway.secret())))
                .isEmpty();
    }

    @Test
    void authenticateWhenClientUnknownOrMalformedThenEmpty() {
        Registered gateway = gateway();
        for (String id : List.of("unknown-" + UUID.randomUUID(), "not a valid id!", gateway.client().clientId() + "x",
                "x".repeat(256))) {
            assertThat(authenticate(gateway, ClientCredentials.of(id, gateway.secret()))).as(id).isEmpty();
        }
    }

    @Test
    void authenticateWhenConcurrentThenEachClientGetsItsOwn() throws Exception {
        List<Registered> registered = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            registered.add(register(i % 2 == 0, Set.of("scope-" + i), Set.of("https://api" + i + ".example.com")));
        }
        List<Callable<Optional<ExchangeClient>>> tasks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Registered r = registered.get(i % registered.size());
            tasks.add(() -> authenticate(r, ClientCredentials.of(r.client().clientId(), r.secret())));
        }
        List<Optional<ExchangeClient>> results = Concurrently.run(tasks);
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i)).contains(registered.get(i % registered.size()).client());
        }
    }
}
