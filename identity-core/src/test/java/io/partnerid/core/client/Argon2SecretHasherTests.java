package io.partnerid.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.partnerid.testkit.TestRuntimes;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reference vectors come from the Argon2 reference implementation (phc-winner-argon2, {@code src/test.c}):
 * password {@code password}, salt {@code somesalt}, Argon2id v=19, t=2, p=1.
 */
class Argon2SecretHasherTests {

    private static final String REFERENCE_M256 =
            "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4";
    private static final String REFERENCE_M65536 =
            "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    private final Argon2SecretHasher hasher = new Argon2SecretHasher(TestRuntimes.seededRandom(7),
            new Argon2SecretHasher.Parameters(256, 1, 1));

    @Test
    @DisplayName("RFC 9106 Argon2id: the reference implementation's vectors verify")
    void verifyWhenReferenceVectorThenTrueAndWrongPasswordFalse() {
        assertThat(hasher.verify("password", REFERENCE_M256)).isTrue();
        assertThat(hasher.verify("passwore", REFERENCE_M256)).isFalse();
        assertThat(hasher.verify("password", REFERENCE_M65536)).isTrue();
    }

    @Test
    void hashWhenVerifiedThenRoundTripsAndWrongSecretFails() {
        String encoded = hasher.hash("s3cret-value");
        assertThat(encoded).startsWith("$argon2id$v=19$m=256,t=1,p=1$").doesNotContain("s3cret-value");
        assertThat(hasher.verify("s3cret-value", encoded)).isTrue();
        assertThat(hasher.verify("s3cret-valuE", encoded)).isFalse();
        assertThat(hasher.verify("", encoded)).isFalse();
    }

    @Test
    void hashWhenSameSecretTwiceThenDifferentSalts() {
        assertThat(hasher.hash("same")).isNotEqualTo(hasher.hash("same"));
    }

    @Test
    void verifyWhenTagTamperedThenFalse() {
        String encoded = hasher.hash("secret");
        char last = encoded.charAt(encoded.length() - 2);
        String tampered = encoded.substring(0, encoded.length() - 2) + (last == 'A' ? 'B' : 'A')
                + encoded.charAt(encoded.length() - 1);
        assertThat(hasher.verify("secret", tampered)).isFalse();
    }

    @Test
    void verifyWhenEncodingMalformedForeignOrOutOfBoundsThenFalseWithoutException() {
        assertThat(hasher.verify("password", "plaintext")).isFalse();
        assertThat(hasher.verify("password", REFERENCE_M256.replace("argon2id", "argon2i"))).isFalse();
        assertThat(hasher.verify("password", REFERENCE_M256.replace("v=19", "v=16"))).isFalse();
        // A tampered stored hash asking for 4 GiB must be refused, not attempted.
        assertThat(hasher.verify("password", REFERENCE_M256.replace("m=256", "m=4194304"))).isFalse();
        assertThat(hasher.verify("password", REFERENCE_M256.replace("t=2", "t=999"))).isFalse();
        assertThat(hasher.verify("password", REFERENCE_M256.replace("c29tZXNhbHQ", "c29t"))).isFalse();
    }

    @Test
    void needsRehashWhenParametersDifferThenTrue() {
        assertThat(hasher.needsRehash(hasher.hash("x"))).isFalse();
        assertThat(hasher.needsRehash(REFERENCE_M256)).isTrue();
        assertThat(hasher.needsRehash("garbage")).isTrue();
    }

    @Test
    void parametersWhenOutOfRangeThenRejectedAndDefaultIsOwaspMinimum() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Argon2SecretHasher.Parameters(7, 1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Argon2SecretHasher.Parameters(256, 0, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new Argon2SecretHasher.Parameters(256, 1, 0));
        assertThat(new Argon2SecretHasher(TestRuntimes.seededRandom(1)).parameters())
                .isEqualTo(new Argon2SecretHasher.Parameters(19 * 1024, 2, 1));
    }
}
