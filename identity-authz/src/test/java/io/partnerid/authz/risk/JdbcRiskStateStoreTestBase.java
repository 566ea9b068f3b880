package io.partnerid.authz.risk;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.risk.RiskStateStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The risk state contract on {@link JdbcRiskStateStore}, plus its TTLs and size bounds; one subclass per database. */
abstract class JdbcRiskStateStoreTestBase extends RiskStateStoreContract {

    protected final MutableClock clock = MutableClock.at(T0);

    /** The database (a registered {@link TestDatabase}, emptied before each test). */
    protected abstract TestDatabase db();

    private JdbcRiskStateStore store;
    private JdbcRiskStateStore anotherNode;

    @Override
    protected RiskStateStore store() {
        if (store == null) {
            store = JdbcRiskStateStore.builder(db().dataSource(), clock).build();
        }
        return store;
    }

    @Override
    protected RiskStateStore anotherNode() {
        if (anotherNode == null) {
            anotherNode = JdbcRiskStateStore.builder(db().dataSource(), clock).build();
        }
        return anotherNode;
    }

    private JdbcRiskStateStore.Builder builder() {
        return JdbcRiskStateStore.builder(db().dataSource(), clock);
    }

    private long rows(String table) {
        try (Connection c = db().dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void swapLastSightingWhenPreviousOlderThanTtlThenTreatedAsAbsent() {
        JdbcRiskStateStore s = builder().sightingTtl(Duration.ofHours(1)).build();
        s.swapLastSighting("acme/u1", paris(T0));
        assertThat(s.swapLastSighting("acme/u1", paris(T0.plus(Duration.ofMinutes(59))))).contains(paris(T0));
        assertThat(s.swapLastSighting("acme/u1", paris(T0.plus(Duration.ofHours(3))))).isEmpty();
    }

    @Test
    void rememberDeviceWhenUnseenLongerThanTtlThenNewAgain() {
        JdbcRiskStateStore s = builder().deviceTtl(Duration.ofDays(30)).build();
        assertThat(s.rememberDevice("acme/u1", "dev-1")).isFalse();
        clock.advance(Duration.ofDays(29));
        assertThat(s.rememberDevice("acme/u1", "dev-1")).isTrue(); // seen again: the TTL restarts
        clock.advance(Duration.ofDays(29));
        assertThat(s.rememberDevice("acme/u1", "dev-1")).isTrue();
        clock.advance(Duration.ofDays(31));
        assertThat(s.rememberDevice("acme/u1", "dev-1")).isFalse();
        assertThat(s.rememberDevice("acme/u1", "dev-1")).isTrue();
    }

    @Test
    void rememberDeviceWhenMoreThanTheLimitThenLeastRecentlySeenIsForgotten() {
        JdbcRiskStateStore s = builder().maxDevicesPerSubject(3).build();
        for (String d : new String[] {"dev-1", "dev-2", "dev-3"}) {
            s.rememberDevice("acme/u1", d);
            clock.advance(Duration.ofMinutes(1));
        }
        s.rememberDevice("acme/u1", "dev-1"); // dev-2 is now the least recently seen
        clock.advance(Duration.ofMinutes(1));
        assertThat(s.rememberDevice("acme/u1", "dev-4")).isFalse();
        assertThat(rows("authz_risk_devices")).isEqualTo(3);
        assertThat(s.rememberDevice("acme/u1", "dev-1")).isTrue();
        assertThat(s.rememberDevice("acme/u1", "dev-3")).isTrue();
        assertThat(s.rememberDevice("acme/u1", "dev-2")).isFalse(); // forgotten
    }

    @Test
    void countRequestWhenWindowsPassThenOldWindowRowsAreDeleted() {
        for (int minute = 0; minute < 20; minute++) {
            store().countRequest("acme", T0.plus(Duration.ofMinutes(minute)), Duration.ofMinutes(1));
        }
        assertThat(rows("authz_risk_request_counts")).isEqualTo(2);
    }

    @Test
    void purgeExpiredWhenRowsExpiredThenDeletedAndFreshRowsKept() {
        JdbcRiskStateStore s = builder().sightingTtl(Duration.ofDays(1)).deviceTtl(Duration.ofDays(1)).build();
        s.swapLastSighting("acme/old", paris(T0));
        s.rememberDevice("acme/old", "dev-1");
        s.countRequest("acme", T0, Duration.ofMinutes(1));
        clock.advance(Duration.ofDays(2));
        s.swapLastSighting("acme/new", paris(clock.instant()));
        s.rememberDevice("acme/new", "dev-1");
        s.countRequest("globex", clock.instant(), Duration.ofMinutes(1));

        assertThat(s.purgeExpired()).isEqualTo(3);
        assertThat(rows("authz_risk_sightings")).isEqualTo(1);
        assertThat(rows("authz_risk_devices")).isEqualTo(1);
        assertThat(rows("authz_risk_request_counts")).isEqualTo(1);
        assertThat(s.purgeExpired()).isZero();
    }
}
