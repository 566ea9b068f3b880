package io.partnerid.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClientApplicationTests {

    private static ClientApplication client(Set<String> redirectUris) {
        return new ClientApplication(ClientId.of("c1"), OrgId.of("o1"), "App", Set.of(GrantTypes.AUTHORIZATION_CODE),
                redirectUris, Set.of("openid"), Set.of(), Optional.of("$argon2id$secret-hash"),
                Instant.parse("2026-01-01T00:00:00Z"), 0);
    }

    @Test
    @DisplayName("RFC 6749 §3.1.2 / RFC 9700 §2.1: redirect URIs are absolute, without fragment or wildcard")
    void checkRedirectUriWhenMalformedThenRejected() {
        for (String bad : new String[] {"/callback", "https://app.example/cb#frag", "https://*.app.example/cb",
                "https://app.example/*", "http://app.example/cb", "https://user:pw@app.example/cb",
                "javascript:alert(1)", "https:///cb", "not a uri", ""}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> ClientApplication.checkRedirectUri(bad));
        }
    }

    @Test
    @DisplayName("RFC 8252 §7.1, §7.3: private-use schemes and loopback http are allowed for native apps")
    void checkRedirectUriWhenHttpsLoopbackOrPrivateUseThenAccepted() {
        for (String good : new String[] {"https://app.example/callback?x=1", "http://127.0.0.1:8080/cb",
                "http://localhost/cb", "http://[::1]:9000/cb", "com.example.app:/oauth2redirect"}) {
            assertThatCode(() -> ClientApplication.checkRedirectUri(good)).as(good).doesNotThrowAnyException();
        }
    }

    @Test
    @DisplayName("RFC 9700 §4.1.3: redirect URIs match by exact string comparison")
    void allowsRedirectUriWhenNotExactlyEqualThenFalse() {
        ClientApplication c = client(Set.of("https://app.example/cb"));
        assertThat(c.allowsRedirectUri("https://app.example/cb")).isTrue();
        assertThat(c.allowsRedirectUri("https://app.example/cb/")).isFalse();
        assertThat(c.allowsRedirectUri("https://APP.example/cb")).isFalse();
        assertThat(c.allowsRedirectUri("https://app.example/cb?next=evil")).isFalse();
        assertThat(c.allowsRedirectUri("https://app.example/cb/../evil")).isFalse();
        assertThat(c.allowsRedirectUri("https://app.example:443/cb")).isFalse();
    }

    @Test
    void toStringWhenConfidentialThenSecretHashRedacted() {
        assertThat(client(Set.of("https://app.example/cb")).toString()).doesNotContain("secret-hash")
                .contains("[redacted]");
    }

    @Test
    void constructorWhenScopeOrGrantMalformedThenRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientApplication(ClientId.of("c"), OrgId.of("o"),
                "App", Set.of("authorization code"), Set.of(), Set.of(), Set.of(), Optional.empty(), Instant.EPOCH, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientApplication(ClientId.of("c"), OrgId.of("o"),
                "App", Set.of(GrantTypes.REFRESH_TOKEN), Set.of(), Set.of("bad\"scope"), Set.of(), Optional.empty(),
                Instant.EPOCH, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new ClientApplication(ClientId.of("c"), OrgId.of("o"),
                "App", Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(), Instant.EPOCH, 0));
    }
}
