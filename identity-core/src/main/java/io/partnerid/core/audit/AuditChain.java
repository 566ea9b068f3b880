package io.partnerid.core.audit;

import io.partnerid.core.IdentityException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hash function of the audit chain, shared by every {@link AuditLog} implementation and the verifier so that
 * they can never disagree.
 *
 * <p>Stateless and thread-safe. The canonical form is a length-prefixed encoding of the sequence number and every
 * field of the entry (details in key order, timestamp in epoch milliseconds), so no two different entries encode
 * alike: {@code hash = hex(SHA-256(previousHash || canonical))}.
 *
 * <p>The canonical form, pinned by golden vectors in {@code AuditChainTests} (changing it breaks every stored
 * chain): the fields, in this order, each written as {@code <length>:<text>;} where {@code <length>} is the decimal
 * number of UTF-16 code units of {@code <text>} —
 * sequence (decimal), type, occurredAt (epoch milliseconds, decimal), tenant, org (empty when absent), actor, the
 * number of details (decimal), then each detail's key and value in key order. The resulting text is encoded as UTF-8
 * by a strict encoder: text with an unpaired surrogate is refused ({@link AuditErrors#INVALID_TEXT}), never replaced.
 * {@code previousHash} is hashed as its ASCII bytes.
 */
public final class AuditChain {

    private AuditChain() {
    }

    /** The hash of the record at {@code sequence} holding {@code entry}, chained to {@code previousHash}. */
    public static String hash(String previousHash, long sequence, AuditEntry entry) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
        sha256.update(canonical(sequence, entry));
        return HexFormat.of().formatHex(sha256.digest());
    }

    /** The canonical bytes of an entry at a position. */
    static byte[] canonical(long sequence, AuditEntry entry) {
        StringBuilder out = new StringBuilder(256);
        field(out, Long.toString(sequence));
        field(out, entry.type());
        field(out, Long.toString(entry.occurredAt().toEpochMilli()));
        field(out, entry.tenant().value());
        field(out, entry.org().map(o -> o.value()).orElse(""));
        field(out, entry.actor());
        field(out, Integer.toString(entry.details().size()));
        for (Map.Entry<String, String> detail : entry.details().entrySet()) {
            field(out, detail.getKey());
            field(out, detail.getValue());
        }
        return utf8(out);
    }

    /**
     * Strict UTF-8: an unpaired surrogate is refused, never replaced by {@code ?} as {@code String.getBytes} would
     * (two different entries could then hash alike).
     */
    static byte[] utf8(CharSequence text) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IdentityException(AuditErrors.INVALID_TEXT, "The event cannot be recorded.",
                    "audit entry text holds an unpaired surrogate", e);
        }
    }

    private static void field(StringBuilder out, String value) {
        out.append(value.length()).append(':').append(value).append(';');
    }
}
