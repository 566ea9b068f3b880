package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import io.partnerid.testkit.TestRuntimes;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class SigningKeyServiceTests {

    private final TokenFixture f = new TokenFixture();

    @Test
    void initializeWhenEmptyThenCurrentAndNextAndIdempotent() {
        assertThat(f.keys.keys(TokenFixture.SET)).extracting(SigningKeyInfo::status)
                .containsExactly(KeyStatus.CURRENT, KeyStatus.NEXT);
        f.keys.initialize(TokenFixture.SET, SigningAlgorithm.ES256);
        assertThat(f.keys.keys(TokenFixture.SET)).hasSize(2);
    }

    @Test
    void rotateWhenInitializedThenNextBecomesCurrentAndCurrentRetired() {
        List<SigningKeyInfo> before = f.keys.keys(TokenFixture.SET);
        List<SigningKeyInfo> after = f.keys.rotate(TokenFixture.SET, Optional.of(SigningAlgorithm.EDDSA));
        assertThat(after).hasSize(3);
        assertThat(after.get(0).kid()).isEqualTo(before.get(0).kid());
        assertThat(after.get(0).status()).isEqualTo(KeyStatus.RETIRED);
        assertThat(after.get(0).retiredAt()).contains(f.clock.instant());
        assertThat(after.get(1).kid()).isEqualTo(before.get(1).kid());
        assertThat(after.get(1).status()).isEqualTo(KeyStatus.CURRENT);
        assertThat(after.get(2).status()).isEqualTo(KeyStatus.NEXT);
        assertThat(after.get(2).algorithm()).isEqualTo(SigningAlgorithm.EDDSA);
    }

    @Test
    void rotateWhenNotInitializedThenNoSigningKey() {
        assertThatThrownBy(() -> f.keys.rotate(KeySetId.of("empty")))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(TokenErrors.NO_SIGNING_KEY));
    }

    @Test
    void jwksWhenRotatedThenAllStatesPublicOnly() {
        f.keys.rotate(TokenFixture.SET);
        String jwks = f.keys.jwks(TokenFixture.SET);
        for (SigningKeyInfo key : f.keys.keys(TokenFixture.SET)) {
            assertThat(jwks).contains("\"kid\":\"" + key.kid() + "\"");
        }
        assertThat(jwks).contains("\"use\":\"sig\"").contains("\"alg\":\"ES256\"").doesNotContain("\"d\"");
        assertThat(new JsonWebKeys().parse(jwks, EnumSet.allOf(SigningAlgorithm.class))).hasSize(3);
    }

    @Test
    void privateKeyWhenAesGcmProtectorThenSealedAtRestAndSigns() {
        SecretKeySpec kek = new SecretKeySpec(new byte[32], "AES");
        PrivateKeyProtector protector = PrivateKeyProtector.aesGcm(kek, TestRuntimes.seededRandom(7));
        InMemorySigningKeyRepository repo = new InMemorySigningKeyRepository();
        SigningKeyService keys = SigningKeyService.builder(repo, protector, f.runtime).build();
        keys.initialize(TokenFixture.SET, SigningAlgorithm.ES256);
        SigningKey stored = repo.findByKeySet(TokenFixture.SET).get(0);
        Jca jca = new Jca();
        assertThatThrownBy(() -> jca.privateKey(SigningAlgorithm.ES256, stored.sealedPrivateKey()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.currentKey(TokenFixture.SET).signer()).isNotNull();

        // a sealed key moved to another kid does not open (the kid is bound as associated data)
        assertThatThrownBy(() -> protector.open(TokenFixture.SET, "other", stored.sealedPrivateKey()))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(TokenErrors.KEY_UNSEALING_FAILED));
    }
}
