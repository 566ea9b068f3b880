package io.partnerid.testkit;

import io.partnerid.core.IdGenerator;
import io.partnerid.core.IdentityRuntime;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Builds {@link IdentityRuntime}s for tests: a {@link MutableClock}, sequential ids and a seeded, repeatable random
 * source.
 *
 * <p>Stateless and thread-safe.
 */
public final class TestRuntimes {

    private TestRuntimes() {
    }

    /** A runtime on {@code clock} with ids {@code id-1, id-2, …} and a deterministic random source. */
    public static IdentityRuntime on(MutableClock clock) {
        return new IdentityRuntime(clock, IdGenerator.sequential("id"), seededRandom(42));
    }

    /** A deterministic SHA1PRNG seeded with {@code seed}: repeatable test data, never for production. */
    public static SecureRandom seededRandom(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is part of every JDK", e);
        }
    }
}
