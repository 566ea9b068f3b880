package io.partnerid.core.token;

import io.partnerid.core.IdFormat;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored signing key: its public half in the clear and its private half sealed by a {@link PrivateKeyProtector}.
 *
 * <p>Immutable and thread-safe (arrays are copied in and out). {@code version} is the optimistic-concurrency counter
 * maintained by the {@link SigningKeyRepository}.
 *
 * @param keySet the key set it belongs to
 * @param kid the key id, opaque, unique within the key set
 * @param algorithm the one algorithm this key signs with (the verifier pins the algorithm to the key)
 * @param status its rotation state
 * @param publicKey the X.509 SubjectPublicKeyInfo (DER)
 * @param sealedPrivateKey the PKCS#8 private key as sealed by the protector (never the plain key at rest)
 * @param createdAt when it was generated
 * @param retiredAt when it stopped signing, for retired keys
 * @param version the optimistic-concurrency version, starting at 0
 */
public record SigningKey(KeySetId keySet, String kid, SigningAlgorithm algorithm, KeyStatus status, byte[] publicKey,
                         byte[] sealedPrivateKey, Instant createdAt, Optional<Instant> retiredAt, long version) {

    public SigningKey {
        Objects.requireNonNull(keySet, "keySet");
        Objects.requireNonNull(kid, "kid");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(status, "status");
        publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
        sealedPrivateKey = Objects.requireNonNull(sealedPrivateKey, "sealedPrivateKey").clone();
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(retiredAt, "retiredAt");
        IdFormat.check(kid, "kid");
        if ((status == KeyStatus.RETIRED) != retiredAt.isPresent()) {
            throw new IllegalArgumentException("exactly the retired keys carry retiredAt");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] sealedPrivateKey() {
        return sealedPrivateKey.clone();
    }

    /** The same key in another rotation state. */
    public SigningKey withStatus(KeyStatus newStatus, Optional<Instant> newRetiredAt) {
        return new SigningKey(keySet, kid, algorithm, newStatus, publicKey, sealedPrivateKey, createdAt, newRetiredAt,
                version);
    }

    /** The same key at the version the repository assigned after a write. */
    public SigningKey withVersion(long newVersion) {
        return new SigningKey(keySet, kid, algorithm, status, publicKey, sealedPrivateKey, createdAt, retiredAt,
                newVersion);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningKey k && k.keySet.equals(keySet) && k.kid.equals(kid)
                && k.algorithm == algorithm && k.status == status && Arrays.equals(k.publicKey, publicKey)
                && Arrays.equals(k.sealedPrivateKey, sealedPrivateKey) && k.createdAt.equals(createdAt)
                && k.retiredAt.equals(retiredAt) && k.version == version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(keySet, kid, status, version);
    }

    @Override
    public String toString() {
        return "SigningKey[" + keySet + "/" + kid + " " + algorithm + " " + status + " v" + version + "]";
    }
}
