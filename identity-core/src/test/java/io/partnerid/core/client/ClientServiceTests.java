package io.partnerid.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.Organization;
import io.partnerid.testkit.client.ClientFixtures;
import io.partnerid.testkit.user.InMemoryDirectory;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientServiceTests {

    private InMemoryDirectory dir;
    private CountingHasher hasher;
    private InMemoryClientRepository repository;
    private ClientService clients;
    private Organization acme;

    /** Counts the hashing work, to show that every path of verifySecret does the same. */
    private static final class CountingHasher implements SecretHasher {
        private final SecretHasher delegate;
        private final AtomicInteger verifications = new AtomicInteger();

        CountingHasher(SecretHasher delegate) {
            this.delegate = delegate;
        }

        @Override
        public String hash(String secret) {
            return delegate.hash(secret);
        }

        @Override
        public boolean verify(String secret, String encoded) {
            verifications.incrementAndGet();
            return delegate.verify(secret, encoded);
        }

        @Override
        public boolean needsRehash(String encoded) {
            return delegate.needsRehash(encoded);
        }
    }

    @BeforeEach
    void setUp() {
        dir = new InMemoryDirectory();
        hasher = new CountingHasher(new Argon2SecretHasher(dir.runtime.random(), InMemoryDirectory.TEST_HASHING));
        repository = new InMemoryClientRepository();
        clients = new ClientService(repository, hasher, dir.organizations, dir.runtime);
        acme = dir.root("Acme");
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void registerWhenConfidentialThenSecretOf256BitsShownOnceAndOnlyItsHashStored() {
        ClientRegistration reg = clients.register(acme.id(), ClientFixtures.newClient().build());
        String secret = reg.plaintextSecret().orElseThrow();
        assertThat(Base64.getUrlDecoder().decode(secret)).hasSize(32);
        ClientApplication stored = repository.findById(reg.client().id()).orElseThrow();
        assertThat(stored.secretHash()).isPresent();
        assertThat(stored.secretHash().get()).startsWith("$argon2id$").doesNotContain(secret);
        assertThat(stored).isEqualTo(reg.client());
        assertThat(clients.verifySecret(reg.client().id(), secret)).isTrue();
    }

    @Test
    void registerWhenTwiceThenDifferentSecrets() {
        String a = clients.register(acme.id(), ClientFixtures.newClient().build()).plaintextSecret().orElseThrow();
        String b = clients.register(acme.id(), ClientFixtures.newClient().build()).plaintextSecret().orElseThrow();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void toStringWhenRegistrationPrintedThenSecretAndHashRedacted() {
        ClientRegistration reg = clients.register(acme.id(), ClientFixtures.newClient().build());
        String secret = reg.plaintextSecret().orElseThrow();
        assertThat(reg.toString()).doesNotContain(secret).doesNotContain(reg.client().secretHash().get())
                .contains("[redacted]");
    }

    @Test
    void verifySecretWhenWrongSecretThenFalse() {
        ClientRegistration reg = clients.register(acme.id(), ClientFixtures.newClient().build());
        String secret = reg.plaintextSecret().orElseThrow();
        assertThat(clients.verifySecret(reg.client().id(), secret + "x")).isFalse();
        assertThat(clients.verifySecret(reg.client().id(), secret.substring(1))).isFalse();
        assertThat(clients.verifySecret(reg.client().id(), "")).isFalse();
        assertThat(clients.verifySecret(reg.client().id(), secret.repeat(20))).isFalse();
    }

    @Test
    @DisplayName("An unknown client gets the same answer after the same hashing work as a wrong secret")
    void verifySecretWhenClientUnknownOrPublicThenFalseAfterOneHashLikeAWrongSecret() {
        ClientRegistration reg = clients.register(acme.id(), ClientFixtures.newClient().build());
        ClientRegistration spa = clients.register(acme.id(), ClientFixtures.newClient().publicWebApp().build());
        assertThat(spa.plaintextSecret()).isEmpty();

        int before = hasher.verifications.get();
        assertThat(clients.verifySecret(reg.client().id(), "wrong")).isFalse();
        int wrongSecretWork = hasher.verifications.get() - before;

        before = hasher.verifications.get();
        assertThat(clients.verifySecret(ClientId.of("no-such-client"), "wrong")).isFalse();
        int unknownClientWork = hasher.verifications.get() - before;

        before = hasher.verifications.get();
        assertThat(clients.verifySecret(spa.client().id(), "wrong")).isFalse();
        int publicClientWork = hasher.verifications.get() - before;

        assertThat(wrongSecretWork).isEqualTo(1);
        assertThat(unknownClientWork).isEqualTo(1);
        assertThat(publicClientWork).isEqualTo(1);
    }

    @Test
    void rotateSecretWhenConfidentialThenOldSecretStopsAndNewOneWorks() {
        ClientRegistration reg = clients.register(acme.id(), ClientFixtures.newClient().build());
        ClientRegistration rotated = clients.rotateSecret(reg.client().id());
        assertThat(rotated.client().version()).isEqualTo(1);
        assertThat(clients.verifySecret(reg.client().id(), reg.plaintextSecret().orElseThrow())).isFalse();
        assertThat(clients.verifySecret(reg.client().id(), rotated.plaintextSecret().orElseThrow())).isTrue();
    }

    @Test
    void rotateSecretWhenPublicOrUnknownThenRefused() {
        ClientRegistration spa = clients.register(acme.id(), ClientFixtures.newClient().publicWebApp().build());
        assertCode(() -> clients.rotateSecret(spa.client().id()), ClientErrors.NOT_CONFIDENTIAL);
        assertCode(() -> clients.rotateSecret(ClientId.of("nope")), ClientErrors.NOT_FOUND);
    }

    @Test
    void verifySecretWhenOrganizationSuspendedThenFalseAndRegisterRefused() {
        ClientRegistration reg = clients.register(acme.id(), ClientFixtures.newClient().build());
        dir.suspend(acme.id());
        assertThat(clients.verifySecret(reg.client().id(), reg.plaintextSecret().orElseThrow())).isFalse();
        assertCode(() -> clients.register(acme.id(), ClientFixtures.newClient().build()), OrgErrors.SUSPENDED);
        assertCode(() -> clients.rotateSecret(reg.client().id()), OrgErrors.SUSPENDED);
        dir.resume(acme.id());
        assertThat(clients.verifySecret(reg.client().id(), reg.plaintextSecret().orElseThrow())).isTrue();
    }

    @Test
    void registerWhenRedirectUriInvalidThenInvalidRedirectUri() {
        assertCode(() -> clients.register(acme.id(), ClientFixtures.newClient().publicWebApp()
                .redirectUris("https://app.example/cb#x").build()), ClientErrors.INVALID_REDIRECT_URI);
        assertCode(() -> clients.register(acme.id(), ClientFixtures.newClient().publicWebApp()
                .redirectUris("http://app.example/cb").build()), ClientErrors.INVALID_REDIRECT_URI);
    }

    @Test
    void registerWhenGrantsInconsistentThenInvalidMetadata() {
        assertCode(() -> clients.register(acme.id(), ClientFixtures.newClient().publicWebApp().redirectUris()
                .build()), ClientErrors.INVALID_METADATA);
        assertCode(() -> clients.register(acme.id(), ClientFixtures.newClient().confidential(false).build()),
                ClientErrors.INVALID_METADATA);
        assertCode(() -> clients.register(acme.id(), ClientFixtures.newClient().scopes("bad scope").build()),
                ClientErrors.INVALID_METADATA);
    }

    @Test
    void clientsWhenListedThenThatOrganizationOnlyAndDeleteStopsVerification() {
        Organization globex = dir.root("Globex");
        ClientRegistration a = clients.register(acme.id(), ClientFixtures.newClient().name("a").build());
        ClientRegistration b = clients.register(acme.id(), ClientFixtures.newClient().name("b").build());
        clients.register(globex.id(), ClientFixtures.newClient().build());
        assertThat(Page.all(p -> clients.clients(acme.id(), p), 1)).containsExactly(a.client(), b.client());
        assertThat(clients.deleteClient(a.client().id())).isTrue();
        assertThat(clients.verifySecret(a.client().id(), a.plaintextSecret().orElseThrow())).isFalse();
        assertThat(clients.findClient(a.client().id())).isEmpty();
        assertCode(() -> clients.requireClient(a.client().id()), ClientErrors.NOT_FOUND);
    }
}
