package io.partnerid.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that tests move by hand, so that expiry and validity windows are tested without sleeping.
 *
 * <p>Thread-safe: the current instant is held in an atomic reference.
 *
 * <pre>{@code
 * MutableClock clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 * clock.advance(Duration.ofMinutes(16)); // the invitation has now expired
 * }</pre>
 */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** A clock standing at {@code instant}, in UTC. */
    public static MutableClock at(Instant instant) {
        return new MutableClock(new AtomicReference<>(Objects.requireNonNull(instant, "instant")), ZoneOffset.UTC);
    }

    /** A clock standing at 2026-01-01T00:00:00Z. */
    public static MutableClock standard() {
        return at(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** Moves the clock forward (or backward, for a negative duration). */
    public MutableClock advance(Duration duration) {
        now.updateAndGet(t -> t.plus(duration));
        return this;
    }

    /** Sets the clock to {@code instant}. */
    public MutableClock set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
        return this;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(now, newZone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
