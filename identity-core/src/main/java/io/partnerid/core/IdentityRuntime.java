package io.partnerid.core;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The injected sources of time, identifiers and randomness that every SDK service receives.
 *
 * <p>Immutable and thread-safe as long as its parts are (the JDK's {@link Clock} and {@link SecureRandom} are).
 * The SDK never reads the system clock or creates its own randomness: hosts build one runtime at start-up and pass
 * it to every builder; tests pass a {@code MutableClock} and a sequential id generator.
 *
 * <pre>{@code
 * IdentityRuntime runtime = new IdentityRuntime(Clock.systemUTC(), IdGenerator.random(random), random);
 * }</pre>
 *
 * @param clock the clock used for every timestamp and expiry decision
 * @param ids the generator for new entity identifiers
 * @param random the source of randomness for secrets, tokens and challenges
 */
public record IdentityRuntime(Clock clock, IdGenerator ids, SecureRandom random) {

    public IdentityRuntime {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(random, "random");
    }

    /** The current instant of the injected clock. */
    public Instant now() {
        return clock.instant();
    }

    /** Fills a new array of {@code length} random bytes. */
    public byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
