package io.partnerid.core.token;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code sub} of one of our tokens that stands for a principal of another issuer (a partner identity provider,
 * met at token exchange): a namespaced subject that can never equal the subject of a native principal.
 *
 * <p>Immutable and thread-safe. The form is {@code ext:<I>:<S>}, at most 91 characters, where
 * <ul>
 *   <li>{@code <I>} is the first 22 characters (132 bits) of the unpadded base64url SHA-256 of the issuer's UTF-8
 *       bytes;</li>
 *   <li>{@code <S>} is the partner's subject itself when it is 1 to 64 characters from {@code [A-Za-z0-9_-]}, and
 *       otherwise {@code ~} followed by the unpadded base64url SHA-256 of its UTF-8 bytes (43 characters).</li>
 * </ul>
 * A token carrying a foreign subject also carries the original issuer in {@value #ISSUER_CLAIM} and the original
 * subject in {@value #SUBJECT_CLAIM}, so a host can correlate it with the partner's records; the value is a pure
 * function of (issuer, subject), so a host can also compute it in advance (for example to assign roles to a
 * partner's user).
 *
 * <p>Why it is distinct (proof sketch).
 * <ol>
 *   <li><em>From every native subject.</em> The SDK's native principals (users, clients, and every other id) are
 *       {@link io.partnerid.core.IdFormat} ids: 1 to 64 characters from {@code [A-Za-z0-9_-]}. Every foreign value
 *       has {@code ':'} at index 3, a character outside that alphabet, so no foreign value is a native id, whatever
 *       the partner put in its {@code sub}.</li>
 *   <li><em>Per issuer.</em> For one issuer, {@code <S>} is injective: two plain subjects map to themselves; two
 *       hashed ones differ unless SHA-256 collides; a plain and a hashed one differ in their first character
 *       ({@code ~} is outside the plain alphabet).</li>
 *   <li><em>Across issuers.</em> {@code <I>} has a fixed length, so the split of a value is unambiguous, and two
 *       issuers share it only if the first 132 bits of their SHA-256 collide (about 2<sup>66</sup> issuers for an
 *       even chance): the same subject at two partners gives two values.</li>
 * </ol>
 * A string that is not well-formed UTF-16 (an unpaired surrogate) is refused: its UTF-8 encoding would not be
 * injective. {@link #isForeign(String)} recognizes the form by its prefix alone: no native id starts with it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8693#section-2.1">RFC 8693 §2.1</a>
 */
public final class ForeignSubject {

    /** The prefix of every foreign subject; {@code ':'} is outside the native id alphabet. */
    public static final String PREFIX = "ext:";
    /** The claim naming the foreign subject's original issuer. */
    public static final String ISSUER_CLAIM = "sub_iss";
    /** The claim holding the foreign subject's original {@code sub} at its issuer. */
    public static final String SUBJECT_CLAIM = "sub_ext";

    private static final int ISSUER_HASH_LENGTH = 22;
    private static final int PLAIN_MAX_LENGTH = 64;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final String issuer;
    private final String subject;
    private final String value;

    private ForeignSubject(String issuer, String subject, String value) {
        this.issuer = issuer;
        this.subject = subject;
        this.value = value;
    }

    /**
     * The foreign subject for {@code subject} at {@code issuer}.
     *
     * @throws IllegalArgumentException when either is empty or not well-formed UTF-16
     */
    public static ForeignSubject of(String issuer, String subject) {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(subject, "subject");
        if (issuer.isEmpty() || subject.isEmpty()) {
            throw new IllegalArgumentException("issuer and subject must not be empty");
        }
        String issuerPart = BASE64URL.encodeToString(sha256(utf8(issuer, "issuer"))).substring(0, ISSUER_HASH_LENGTH);
        byte[] subjectBytes = utf8(subject, "subject");
        String subjectPart = plain(subject) ? subject : "~" + BASE64URL.encodeToString(sha256(subjectBytes));
        return new ForeignSubject(issuer, subject, PREFIX + issuerPart + ":" + subjectPart);
    }

    /** True when {@code sub} is a foreign subject (it starts with {@value #PREFIX}); false for null. */
    public static boolean isForeign(String sub) {
        return sub != null && sub.startsWith(PREFIX);
    }

    /**
     * True when a token of our issuer with these claims stands for a foreign principal: its {@code sub} is a foreign
     * subject, or it names an original issuer in {@value #ISSUER_CLAIM} (tokens exchanged before subjects were
     * namespaced).
     */
    public static boolean isForeign(JwtClaims claims) {
        Objects.requireNonNull(claims, "claims");
        return isForeign(claims.subject().orElse(null)) || claims.string(ISSUER_CLAIM).isPresent();
    }

    /**
     * The principal id of a token of our issuer: its {@code sub}, except that a token naming an original issuer in
     * {@value #ISSUER_CLAIM} with a {@code sub} that is not namespaced yet gets the namespaced form. Empty without a
     * {@code sub}, or when the claims cannot be namespaced (an empty or malformed original issuer).
     */
    public static Optional<String> principalId(JwtClaims claims) {
        Objects.requireNonNull(claims, "claims");
        Optional<String> sub = claims.subject();
        Optional<String> originalIssuer = claims.string(ISSUER_CLAIM);
        if (sub.isEmpty() || isForeign(sub.get()) || originalIssuer.isEmpty()) {
            return sub;
        }
        try {
            return Optional.of(of(originalIssuer.get(), sub.get()).value());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The namespaced {@code sub}. */
    public String value() {
        return value;
    }

    /** The original issuer ({@value #ISSUER_CLAIM}). */
    public String issuer() {
        return issuer;
    }

    /** The original subject at that issuer ({@value #SUBJECT_CLAIM}). */
    public String subject() {
        return subject;
    }

    private static boolean plain(String s) {
        if (s.length() > PLAIN_MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                    || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static byte[] utf8(String s, String what) {
        try {
            ByteBuffer out = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[out.remaining()];
            out.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " must be well-formed UTF-16", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ForeignSubject f && f.issuer.equals(issuer) && f.subject.equals(subject);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** The issuer part only: the original subject may be personal data and never goes to logs. */
    @Override
    public String toString() {
        return "ForeignSubject[" + value.substring(0, PREFIX.length() + ISSUER_HASH_LENGTH) + ":…]";
    }
}
