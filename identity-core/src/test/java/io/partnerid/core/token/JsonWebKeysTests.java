package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class JsonWebKeysTests {

    private final JsonWebKeys jwks = new JsonWebKeys();

    @Test
    @DisplayName("J4: an unparseable key in the JWKS is skipped, the others stay usable")
    void parseWhenOneKeyBrokenThenOthersKept() throws Exception {
        String ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate().toPublicJWK().toJSONString();
        String doc = "{\"keys\":[{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"broken\"},"
                + "{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"}," + ec + ",\"junk\"]}";
        List<VerificationKey> keys = jwks.parse(doc, EnumSet.allOf(SigningAlgorithm.class));
        assertThat(keys).singleElement().satisfies(k -> {
            assertThat(k.kid()).contains("ec");
            assertThat(k.algorithm()).isEqualTo(SigningAlgorithm.ES256);
        });
    }

    @Test
    void parseWhenRsaKeyWithoutAlgThenOneKeyPerAllowedRsaAlgorithm() throws Exception {
        String rsa = new RSAKeyGenerator(2048).keyID("r").generate().toPublicJWK().toJSONString();
        String doc = "{\"keys\":[" + rsa + "]}";
        assertThat(jwks.parse(doc, EnumSet.of(SigningAlgorithm.RS256))).extracting(VerificationKey::algorithm)
                .containsExactly(SigningAlgorithm.RS256);
        assertThat(jwks.parse(doc, EnumSet.allOf(SigningAlgorithm.class))).extracting(VerificationKey::algorithm)
                .containsExactly(SigningAlgorithm.RS256, SigningAlgorithm.PS256);
    }

    @Test
    void parseWhenEncryptionKeyOrWeakRsaThenSkipped() throws Exception {
        String enc = new ECKeyGenerator(Curve.P_256).keyUse(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION).generate()
                .toPublicJWK().toJSONString();
        String weak = new RSAKeyGenerator(1024, true).generate().toPublicJWK().toJSONString();
        assertThat(jwks.parse("{\"keys\":[" + enc + "," + weak + "]}", EnumSet.allOf(SigningAlgorithm.class)))
                .isEmpty();
    }

    @Test
    void parseWhenNotJwksOrTooLargeThenIllegalArgument() {
        assertThatThrownBy(() -> jwks.parse("[]", EnumSet.allOf(SigningAlgorithm.class)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> jwks.parse("{\"keys\":[\"" + "a".repeat(JsonWebKeys.MAX_JWKS_CHARS) + "\"]}",
                EnumSet.allOf(SigningAlgorithm.class))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toJsonThenParseWhenEachAlgorithmThenRoundTrip() {
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            TokenFixture fx = new TokenFixture(alg);
            List<VerificationKey> keys = fx.keys.verificationKeys(TokenFixture.SET, java.util.Optional.empty());
            assertThat(jwks.parse(jwks.toJson(keys), EnumSet.of(alg))).as(alg.name()).isEqualTo(keys);
        }
    }
}
