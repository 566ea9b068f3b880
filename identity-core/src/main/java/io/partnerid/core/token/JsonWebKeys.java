package io.partnerid.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes JSON Web Key Sets (RFC 7517) as {@link VerificationKey}s: the JWKS of a partner's identity
 * provider in, the public JWKS view of our own keys out.
 *
 * <p>Thread-safe; each instance holds its own Bouncy Castle provider for decoding EC and Ed25519 keys.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 §5</a>
 */
public final class JsonWebKeys {

    /** The largest JWKS document accepted, in characters. */
    public static final int MAX_JWKS_CHARS = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JsonWebKeys.class);

    private final Jca jca;

    /** A reader/writer with its own Bouncy Castle provider instance. */
    public JsonWebKeys() {
        this(new Jca());
    }

    JsonWebKeys(Jca jca) {
        this.jca = Objects.requireNonNull(jca, "jca");
    }

    /**
     * Parses a JWKS document into verification keys for the {@code allowed} algorithms.
     *
     * <p>Keys that do not parse, private or symmetric keys, keys whose {@code use} is not {@code sig}, and keys
     * whose {@code alg} is not allowed are skipped (logged at DEBUG), never fatal. A key without {@code alg} yields
     * one verification key per allowed algorithm of its type (an RSA key: RS256 and/or PS256), each pinned.
     *
     * @throws IllegalArgumentException when the document is too large or not a JWKS at all
     */
    public List<VerificationKey> parse(String jwksJson, Set<SigningAlgorithm> allowed) {
        Objects.requireNonNull(jwksJson, "jwksJson");
        Objects.requireNonNull(allowed, "allowed");
        if (jwksJson.length() > MAX_JWKS_CHARS) {
            throw new IllegalArgumentException("JWKS document too large");
        }
        List<Object> entries;
        try {
            entries = JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(jwksJson), "keys");
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWKS document", e);
        }
        if (entries == null) {
            throw new IllegalArgumentException("not a JWKS document");
        }
        List<VerificationKey> keys = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map)) {
                continue;
            }
            try {
                @SuppressWarnings("unchecked")
                JWK jwk = JWK.parse((Map<String, Object>) map);
                keys.addAll(toKeys(jwk, allowed));
            } catch (ParseException | JOSEException | RuntimeException e) {
                LOG.debug("skipping an unusable key in a JWKS: {}", e.getClass().getSimpleName());
            }
        }
        return List.copyOf(keys);
    }

    private List<VerificationKey> toKeys(JWK jwk, Set<SigningAlgorithm> allowed) throws JOSEException {
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            return List.of();
        }
        Optional<String> kid = Optional.ofNullable(jwk.getKeyID());
        List<SigningAlgorithm> algorithms = new ArrayList<>();
        for (SigningAlgorithm a : SigningAlgorithm.values()) {
            boolean typeFits = a.keyType().equals(jwk.getKeyType().getValue());
            boolean algFits = jwk.getAlgorithm() == null || jwk.getAlgorithm().getName().equals(a.jwsName());
            if (typeFits && algFits && allowed.contains(a)) {
                algorithms.add(a);
            }
        }
        List<VerificationKey> out = new ArrayList<>();
        for (SigningAlgorithm a : algorithms) {
            switch (a) {
                case ES256 -> {
                    ECKey ec = jwk.toECKey();
                    if (Curve.P_256.equals(ec.getCurve())) {
                        out.add(VerificationKey.of(kid, a, ec.toECPublicKey(jca.provider())));
                    }
                }
                case EDDSA -> {
                    OctetKeyPair okp = jwk.toOctetKeyPair();
                    if (Curve.Ed25519.equals(okp.getCurve())) {
                        out.add(VerificationKey.of(kid, a, jca.ed25519FromRaw(okp.getX().decode())));
                    }
                }
                case RS256, PS256 -> out.add(VerificationKey.of(kid, a, jwk.toRSAKey().toRSAPublicKey()));
                default -> { }
            }
        }
        return out;
    }

    /** The public JWKS document of the given keys ({@code use: sig}, {@code alg} and {@code kid} on each). */
    public String toJson(List<VerificationKey> keys) {
        List<Object> jwks = new ArrayList<>();
        for (VerificationKey key : keys) {
            JWK jwk = switch (key.algorithm()) {
                case ES256 -> new ECKey.Builder(Curve.P_256, (ECPublicKey) key.publicKey())
                        .keyID(key.kid().orElse(null)).keyUse(KeyUse.SIGNATURE)
                        .algorithm(Jca.jws(key.algorithm())).build();
                case EDDSA -> new OctetKeyPair.Builder(Curve.Ed25519,
                        Base64URL.encode(Jca.ed25519Raw(key.publicKey())))
                        .keyID(key.kid().orElse(null)).keyUse(KeyUse.SIGNATURE)
                        .algorithm(Jca.jws(key.algorithm())).build();
                case RS256, PS256 -> new RSAKey.Builder((RSAPublicKey) key.publicKey())
                        .keyID(key.kid().orElse(null)).keyUse(KeyUse.SIGNATURE)
                        .algorithm(Jca.jws(key.algorithm())).build();
            };
            jwks.add(jwk.toPublicJWK().toJSONObject());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("keys", jwks);
        return JSONObjectUtils.toJSONString(doc);
    }
}
