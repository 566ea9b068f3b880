package io.partnerid.testkit.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.org.OrgId;
import io.partnerid.core.token.RevokedTokenStore;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RevokedTokenStore} passes; implementations extend it and supply a fresh, empty store
 * with room for at least 100 records. Records are keyed by organization and token id: a revocation for one
 * organization never touches another's token, and is answered alike whether or not the other organization holds the
 * id (R6).
 *
 * <p>Not thread-safe (a JUnit test class).
 */
public abstract class RevokedTokenStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final OrgId ACME = OrgId.of("acme");
    private static final OrgId GLOBEX = OrgId.of("globex");

    private RevokedTokenStore store;

    /** A new, empty store. */
    protected abstract RevokedTokenStore store();

    @BeforeEach
    void setUpStore() {
        store = store();
    }

    @Test
    void isRevokedWhenNeverRevokedThenFalse() {
        store.recordIssued("j1", ACME, T0.plusSeconds(300));
        assertThat(store.isRevoked("j1", ACME, T0)).isFalse();
        assertThat(store.isRevoked("unknown", ACME, T0)).isFalse();
    }

    @Test
    void revokeWhenFirstTimeThenTrueAndRevokedUntilExpiry() {
        assertThat(store.revoke("j1", ACME, T0.plusSeconds(300))).isTrue();
        assertThat(store.revoke("j1", ACME, T0.plusSeconds(300))).isFalse();
        assertThat(store.isRevoked("j1", ACME, T0.plusSeconds(299))).isTrue();
        assertThat(store.isRevoked("j1", ACME, T0.plusSeconds(300))).isFalse();
    }

    @Test
    void revokeWhenRecordedIssuedThenRevoked() {
        store.recordIssued("j1", ACME, T0.plusSeconds(300));
        assertThat(store.revoke("j1", ACME, T0.plusSeconds(300))).isTrue();
        assertThat(store.isRevoked("j1", ACME, T0)).isTrue();
    }

    @Test
    void recordIssuedWhenAlreadyRevokedThenStaysRevoked() {
        store.revoke("j1", ACME, T0.plusSeconds(300));
        store.recordIssued("j1", ACME, T0.plusSeconds(300));
        assertThat(store.isRevoked("j1", ACME, T0)).isTrue();
    }

    @Test
    void revokeAllOfWhenSeveralOrgsThenOnlyTheirUnexpiredTokens() {
        store.recordIssued("a1", ACME, T0.plusSeconds(300));
        store.recordIssued("a2", ACME, T0.plusSeconds(600));
        store.recordIssued("a3", ACME, T0.minusSeconds(1));
        store.recordIssued("g1", GLOBEX, T0.plusSeconds(300));
        store.revoke("a2", ACME, T0.plusSeconds(600));
        assertThat(store.revokeAllOf(Set.of(ACME), T0)).containsExactly("a1");
        assertThat(store.isRevoked("a1", ACME, T0)).isTrue();
        assertThat(store.isRevoked("g1", GLOBEX, T0)).isFalse();
        assertThat(store.revokeAllOf(Set.of(ACME), T0)).isEmpty();
    }

    @Test
    void purgeExpiredWhenSomeExpiredThenOnlyThoseRemoved() {
        store.recordIssued("old", ACME, T0.minusSeconds(1));
        store.revoke("oldRevoked", ACME, T0);
        store.revoke("live", ACME, T0.plusSeconds(60));
        assertThat(store.purgeExpired(T0)).isEqualTo(2);
        assertThat(store.isRevoked("live", ACME, T0)).isTrue();
    }

    @Test
    @DisplayName("R6: revoking another organization's token id leaves that token valid")
    void revokeWhenJtiRecordedForOtherOrgThenThatTokenStaysValid() {
        store.recordIssued("j1", ACME, T0.plusSeconds(300));
        store.revoke("j1", GLOBEX, T0.plusSeconds(300));
        assertThat(store.isRevoked("j1", ACME, T0)).isFalse();
        assertThat(store.revokeAllOf(Set.of(ACME), T0)).containsExactly("j1"); // still ACME's, still live
    }

    @Test
    @DisplayName("R6: the answer to a revocation for the wrong organization does not tell whether the id exists")
    void revokeWhenJtiRecordedForOtherOrgThenSameAnswersAsUnknownJti() {
        store.recordIssued("acme-token", ACME, T0.plusSeconds(300));
        store.revoke("acme-revoked", ACME, T0.plusSeconds(300));
        for (String jti : new String[] {"acme-token", "acme-revoked", "never-issued"}) {
            assertThat(store.revoke(jti, GLOBEX, T0.plusSeconds(300))).as("first revocation of " + jti).isTrue();
            assertThat(store.revoke(jti, GLOBEX, T0.plusSeconds(300))).as("second revocation of " + jti).isFalse();
            assertThat(store.isRevoked(jti, GLOBEX, T0)).as(jti + " for globex").isTrue();
        }
        assertThat(store.isRevoked("acme-token", ACME, T0)).isFalse();
        assertThat(store.isRevoked("acme-revoked", ACME, T0)).isTrue();
    }

    @Test
    void isRevokedWhenRevokedForOtherOrgThenFalse() {
        store.revoke("j1", ACME, T0.plusSeconds(300));
        assertThat(store.isRevoked("j1", ACME, T0)).isTrue();
        assertThat(store.isRevoked("j1", GLOBEX, T0)).isFalse();
    }

    @Test
    void revokeAllOfWhenJtiRevokedForOtherOrgThenOwnRecordStillRevoked() {
        store.recordIssued("j1", ACME, T0.plusSeconds(300));
        store.revoke("j1", GLOBEX, T0.plusSeconds(300));
        assertThat(store.revokeAllOf(Set.of(GLOBEX), T0)).isEmpty(); // globex's record is already revoked
        assertThat(store.revokeAllOf(Set.of(ACME), T0)).containsExactly("j1");
        assertThat(store.isRevoked("j1", ACME, T0)).isTrue();
    }
}
