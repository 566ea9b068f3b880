package io.partnerid.testkit.audit;

import io.partnerid.core.Actor;
import io.partnerid.core.audit.AdminOperationEvent;
import io.partnerid.core.audit.AuditEntry;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Fixture factories for audit tests: entries and events with predictable content.
 *
 * <p>Stateless and thread-safe.
 */
public final class AuditFixtures {

    /** The instant fixtures use unless told otherwise. */
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private AuditFixtures() {
    }

    /** A fresh tenant id, unique across test runs, so that suites can share one database without cleaning it. */
    public static OrgId uniqueTenant(String prefix) {
        return OrgId.of(prefix + "-" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** An entry of {@code tenant} numbered {@code n} in its details (so tests can tell entries apart). */
    public static AuditEntry entry(OrgId tenant, int n) {
        TreeMap<String, String> details = new TreeMap<>();
        details.put("n", Integer.toString(n));
        details.put("operation", "user.create");
        return new AuditEntry("admin.operation", T0.plusSeconds(n), tenant, Optional.of(tenant), "user:admin-1",
                details);
    }

    /** A performed admin operation event of {@code tenant} targeting {@code target}. */
    public static AdminOperationEvent adminEvent(OrgId tenant, String target) {
        return new AdminOperationEvent(T0, tenant, Optional.of(tenant), Actor.user("admin-1"), "user.create", target,
                AdminOperationEvent.Outcome.PERFORMED, Optional.empty());
    }
}
