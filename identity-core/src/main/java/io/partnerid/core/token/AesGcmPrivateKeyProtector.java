package io.partnerid.core.token;

import io.partnerid.core.IdentityException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/** AES-256-GCM sealing of private keys; thread-safe (a new {@link Cipher} per call). */
final class AesGcmPrivateKeyProtector implements PrivateKeyProtector {

    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final byte VERSION = 1;

    private final SecretKey kek;
    private final SecureRandom random;

    AesGcmPrivateKeyProtector(SecretKey kek, SecureRandom random) {
        this.kek = Objects.requireNonNull(kek, "keyEncryptionKey");
        this.random = Objects.requireNonNull(random, "random");
        if (!"AES".equalsIgnoreCase(kek.getAlgorithm()) || kek.getEncoded() == null
                || kek.getEncoded().length != 32) {
            throw new IllegalArgumentException("the key-encryption key must be a 256-bit AES key");
        }
    }

    private static byte[] aad(KeySetId keySet, String kid) {
        return (keySet.value() + "/" + kid).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] seal(KeySetId keySet, String kid, byte[] pkcs8) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(keySet, kid));
            byte[] ct = cipher.doFinal(pkcs8);
            byte[] out = new byte[1 + NONCE + ct.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            System.arraycopy(ct, 0, out, 1 + NONCE, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    @Override
    public byte[] open(KeySetId keySet, String kid, byte[] sealed) {
        if (sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw new IdentityException(TokenErrors.KEY_UNSEALING_FAILED, "Signing is unavailable.",
                    "sealed key " + keySet + "/" + kid + " has an unknown format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(sealed, 1,
                    1 + NONCE)));
            cipher.updateAAD(aad(keySet, kid));
            return cipher.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
        } catch (GeneralSecurityException e) {
            throw new IdentityException(TokenErrors.KEY_UNSEALING_FAILED, "Signing is unavailable.",
                    "sealed key " + keySet + "/" + kid + " does not open with this key-encryption key", e);
        }
    }
}
