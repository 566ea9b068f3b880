package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.IdentityException;
import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.token.RevokedTokenStoreContract;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryRevokedTokenStoreTests extends RevokedTokenStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final OrgId ACME = OrgId.of("acme");

    @Override
    protected RevokedTokenStore store() {
        return new InMemoryRevokedTokenStore(1000);
    }

    @Test
    void recordIssuedWhenFullThenSoonestExpiringIssuedRecordDropped() {
        InMemoryRevokedTokenStore small = new InMemoryRevokedTokenStore(2);
        small.recordIssued("late", ACME, T0.plusSeconds(600));
        small.recordIssued("soon", ACME, T0.plusSeconds(60));
        small.recordIssued("new", ACME, T0.plusSeconds(300));
        assertThat(small.revokeAllOf(java.util.Set.of(ACME), T0)).containsExactlyInAnyOrder("late", "new");
    }

    @Test
    void revokeWhenFullOfRevocationsThenFailsClosed() {
        InMemoryRevokedTokenStore small = new InMemoryRevokedTokenStore(1);
        small.revoke("a", ACME, T0.plusSeconds(60));
        assertThatThrownBy(() -> small.revoke("b", ACME, T0.plusSeconds(60)))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(TokenErrors.REVOCATION_STORE_FULL));
        assertThat(small.isRevoked("a", ACME, T0)).isTrue();
    }
}
