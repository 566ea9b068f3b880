package io.partnerid.core.client;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SecretHasher} using Argon2id (RFC 9106) from Bouncy Castle, encoded in the PHC string format
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (unpadded standard Base64).
 *
 * <p>Thread-safe: every call builds its own generator; the injected {@link SecureRandom} is thread-safe. Defaults
 * follow the OWASP Password Storage Cheat Sheet minimum for Argon2id (19 MiB, 2 passes, 1 lane), a 16-byte salt
 * and a 32-byte tag. Tests pass cheaper {@link Parameters} to stay fast. Encoded hashes with parameters above
 * {@link #MAX_MEMORY_KIB} / {@link #MAX_ITERATIONS} / {@link #MAX_PARALLELISM} are refused (false), so a tampered
 * stored hash cannot make verification exhaust memory.
 *
 * <pre>{@code
 * SecretHasher hasher = new Argon2SecretHasher(runtime.random());
 * String stored = hasher.hash(secret);
 * hasher.verify(presented, stored);
 * }</pre>
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9106#section-4">RFC 9106 §4 parameter choice</a>
 */
public final class Argon2SecretHasher implements SecretHasher {

    /** The largest memory cost accepted from an encoded hash, in KiB (1 GiB). */
    public static final int MAX_MEMORY_KIB = 1 << 20;
    /** The largest number of passes accepted from an encoded hash. */
    public static final int MAX_ITERATIONS = 64;
    /** The largest number of lanes accepted from an encoded hash. */
    public static final int MAX_PARALLELISM = 16;

    private static final Logger LOG = LoggerFactory.getLogger(Argon2SecretHasher.class);
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,8}),t=(\\d{1,3}),p=(\\d{1,3})"
            + "\\$([A-Za-z0-9+/]{11,88})\\$([A-Za-z0-9+/]{22,88})");
    private static final int SALT_BYTES = 16;
    private static final int TAG_BYTES = 32;

    private final SecureRandom random;
    private final Parameters parameters;

    /**
     * Argon2id cost parameters. Immutable and thread-safe.
     *
     * @param memoryKib memory in KiB, at least {@code 8 * parallelism}
     * @param iterations number of passes, at least 1
     * @param parallelism number of lanes, at least 1
     */
    public record Parameters(int memoryKib, int iterations, int parallelism) {
        public Parameters {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw new IllegalArgumentException("parallelism must be 1 to " + MAX_PARALLELISM);
            }
            if (iterations < 1 || iterations > MAX_ITERATIONS) {
                throw new IllegalArgumentException("iterations must be 1 to " + MAX_ITERATIONS);
            }
            if (memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB) {
                throw new IllegalArgumentException("memory must be 8*parallelism to " + MAX_MEMORY_KIB + " KiB");
            }
        }

        /** The OWASP minimum for Argon2id: m = 19 MiB, t = 2, p = 1. */
        public static Parameters owaspMinimum() {
            return new Parameters(19 * 1024, 2, 1);
        }
    }

    /** A hasher with the {@linkplain Parameters#owaspMinimum() OWASP minimum} parameters. */
    public Argon2SecretHasher(SecureRandom random) {
        this(random, Parameters.owaspMinimum());
    }

    /**
     * A hasher with explicit parameters (tests use cheap ones).
     *
     * @param random the injected source of salts
     * @param parameters the cost parameters of new hashes
     */
    public Argon2SecretHasher(SecureRandom random, Parameters parameters) {
        this.random = Objects.requireNonNull(random, "random");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    /** The parameters of new hashes. */
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public String hash(String secret) {
        Objects.requireNonNull(secret, "secret");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] tag = derive(secret, salt, parameters, TAG_BYTES);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(tag);
    }

    @Override
    public boolean verify(String secret, String encoded) {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(encoded, "encoded");
        Parsed parsed = parse(encoded);
        if (parsed == null) {
            LOG.warn("refusing a malformed or out-of-bounds Argon2 hash encoding");
            return false;
        }
        byte[] actual = derive(secret, parsed.salt(), parsed.parameters(), parsed.tag().length);
        return MessageDigest.isEqual(actual, parsed.tag());
    }

    @Override
    public boolean needsRehash(String encoded) {
        Parsed parsed = parse(Objects.requireNonNull(encoded, "encoded"));
        return parsed == null || !parsed.parameters().equals(parameters) || parsed.salt().length < SALT_BYTES
                || parsed.tag().length < TAG_BYTES;
    }

    private record Parsed(Parameters parameters, byte[] salt, byte[] tag) {
    }

    private static Parsed parse(String encoded) {
        Matcher m = PHC.matcher(encoded);
        if (!m.matches()) {
            return null;
        }
        try {
            Parameters p = new Parameters(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)));
            byte[] salt = Base64.getDecoder().decode(m.group(4));
            byte[] tag = Base64.getDecoder().decode(m.group(5));
            if (salt.length < 8 || salt.length > 64 || tag.length < 16 || tag.length > 64) {
                return null;
            }
            return new Parsed(p, salt, tag);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] derive(String secret, byte[] salt, Parameters p, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKib())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] password = secret.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(password, out);
        } finally {
            Arrays.fill(password, (byte) 0);
        }
        return out;
    }
}
