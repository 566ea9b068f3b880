package io.partnerid.core.audit;

import static io.partnerid.testkit.audit.AuditFixtures.adminEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.org.OrgId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SynchronousAuditPublisherTests {

    private static final OrgId ACME = OrgId.of("acme");

    @Test
    void publishThenStoredBeforeReturningAndForwarded() {
        InMemoryAuditLog log = new InMemoryAuditLog();
        List<AuditEvent> forwarded = new ArrayList<>();
        SynchronousAuditPublisher publisher = new SynchronousAuditPublisher(log, List.of(forwarded::add));

        publisher.publish(adminEvent(ACME, "u-1"));

        assertThat(log.head(ACME)).hasValueSatisfying(r -> assertThat(r.entry().details()).containsEntry("target",
                "u-1"));
        assertThat(forwarded).hasSize(1);
        assertThat(publisher.storedCount()).isEqualTo(1);
    }

    @Test
    void publishWhenDownstreamThrowsThenCountedNotPropagated() {
        InMemoryAuditLog log = new InMemoryAuditLog();
        SynchronousAuditPublisher publisher = new SynchronousAuditPublisher(log, List.of(e -> {
            throw new IllegalStateException("down");
        }));
        publisher.publish(adminEvent(ACME, "u-1"));
        assertThat(publisher.failureCount()).isEqualTo(1);
        assertThat(publisher.storedCount()).isEqualTo(1);
    }
}
