package io.partnerid.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DomainLapsedEventTests {

    private static final Instant VERIFIED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LAPSED = Instant.parse("2026-02-01T00:00:00Z");
    private static final OrgId TENANT = OrgId.of("northwind");
    private static final OrgId DESK = OrgId.of("equities");

    private static DomainLapsedEvent event(Optional<OrgId> org, String domain) {
        return new DomainLapsedEvent(LAPSED, TENANT, org, Actor.system("domain-recheck"), domain,
                DomainLapsedEvent.Reason.RECORD_NOT_PUBLISHED, VERIFIED);
    }

    @Test
    void toEntryWhenBuiltThenTypeOrgActorAndDetailsAreRecorded() {
        AuditEntry entry = event(Optional.of(DESK), "acme.example").toEntry();

        assertThat(entry.type()).isEqualTo("domain.lapsed").isEqualTo(DomainLapsedEvent.TYPE);
        assertThat(entry.occurredAt()).isEqualTo(LAPSED);
        assertThat(entry.tenant()).isEqualTo(TENANT);
        assertThat(entry.org()).contains(DESK);
        assertThat(entry.actor()).isEqualTo("system:domain-recheck");
        assertThat(entry.details()).containsOnlyKeys("domain", "reason", "verifiedAt")
                .containsEntry("domain", "acme.example")
                .containsEntry("reason", "RECORD_NOT_PUBLISHED")
                .containsEntry("verifiedAt", "2026-01-01T00:00:00Z");
    }

    @Test
    void constructorWhenOrgAbsentThenRejected() {
        assertThatThrownBy(() -> event(Optional.empty(), "acme.example"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constructorWhenDomainBlankThenRejected() {
        assertThatThrownBy(() -> event(Optional.of(DESK), " ")).isInstanceOf(IllegalArgumentException.class);
    }
}
