package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.partnerid.core.IdentityException;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrganizationStatusCache;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.token.TokenStatusResolverContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs {@code TokenStatusResolverContract} against {@link SharedStoreTokenStatusResolver} over in-memory stores. */
class SharedStoreTokenStatusResolverTests extends TokenStatusResolverContract {

    private final MutableClock clock = MutableClock.standard();
    private final SharedStoreHarnesses.Parts parts = SharedStoreHarnesses.inMemory(clock);

    @Override
    protected Harness harness(MutableClock suiteClock) {
        SharedStoreHarnesses.Parts p = SharedStoreHarnesses.inMemory(suiteClock);
        return storeBacked(p.issuer(), p.resolver(), p.outage()::begin, () -> { });
    }

    @Test
    void statusWhenRevokedThenRevokedAtOnceWithoutCaching() {
        OrgId acme = parts.issuer().createOrganization("Acme");
        TokenStatusResolver.Query token = parts.issuer().issue(acme);
        assertThat(parts.resolver().status(token)).isEqualTo(TokenStatus.ACTIVE);
        parts.issuer().revoke(token);
        assertThat(parts.resolver().status(token)).isEqualTo(TokenStatus.REVOKED);
    }

    @Test
    void statusWhenOrganizationSuspendedThenOrganizationNotActiveNotInactive() {
        OrgId acme = parts.issuer().createOrganization("Acme");
        TokenStatusResolver.Query token = parts.issuer().issue(acme);
        parts.issuer().suspend(acme);
        clock.advance(parts.resolver().maxStaleness());
        assertThat(parts.resolver().status(token)).isEqualTo(TokenStatus.ORGANIZATION_NOT_ACTIVE);
    }

    @Test
    void statusWhenOrganizationUnknownThenOrganizationNotActive() {
        OrgId acme = parts.issuer().createOrganization("Acme");
        TokenStatusResolver.Query token = parts.issuer().issue(acme);
        TokenStatusResolver.Query elsewhere = new TokenStatusResolver.Query(OrgId.of("unknown-org"), token.jwtId(),
                token.expiresAt(), token.token());
        assertThat(parts.resolver().status(elsewhere)).isEqualTo(TokenStatus.ORGANIZATION_NOT_ACTIVE);
    }

    @Test
    void statusWhenStoreFailsThenStatusUnavailableWithCause() {
        OrgId acme = parts.issuer().createOrganization("Acme");
        TokenStatusResolver.Query token = parts.issuer().issue(acme);
        parts.outage().begin();
        IdentityException e = catchThrowableOfType(() -> parts.resolver().status(token), IdentityException.class);
        assertThat(e.code()).isEqualTo(TokenErrors.STATUS_UNAVAILABLE);
        assertThat(e).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void maxStalenessWhenReadThenTheStatusCacheLimit() {
        assertThat(parts.resolver().maxStaleness()).isEqualTo(OrganizationStatusCache.MAX_STALENESS_LIMIT)
                .isEqualTo(Duration.ofSeconds(1));
    }
}
