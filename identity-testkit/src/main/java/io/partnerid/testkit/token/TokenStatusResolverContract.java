package io.partnerid.testkit.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.partnerid.core.IdentityException;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.token.TokenErrors;
import io.partnerid.core.token.TokenStatus;
import io.partnerid.core.token.TokenStatusResolver;
import io.partnerid.testkit.Concurrently;
import io.partnerid.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TokenStatusResolver} passes: the shared-store one (in memory, PostgreSQL, H2) and the
 * RFC 7662 introspection client (against a loopback endpoint).
 *
 * <p>Not thread-safe; JUnit creates one instance per test. Extend it and return from {@link #harness} the resolver
 * under test together with the issuer side it reads ({@link StoreBackedIssuer} does most of that). Changes at the
 * issuer must be visible within the resolver's {@link TokenStatusResolver#maxStaleness()}; the suite moves the
 * clock by exactly that much before it expects them. Since the introspection answer {@code active: false} does not
 * say why, a revoked token may be {@code REVOKED} or {@code INACTIVE}, a suspended organization's token
 * {@code ORGANIZATION_NOT_ACTIVE} or {@code INACTIVE}; never {@code ACTIVE}.
 */
public abstract class TokenStatusResolverContract {

    /**
     * The resolver under test and the issuer whose state it reports, on the suite's clock.
     *
     * <p>Not thread-safe, except {@link #resolver()}'s answer.
     */
    public interface Harness extends AutoCloseable {

        /** The resolver under test (the same instance for the whole test). */
        TokenStatusResolver resolver();

        /** A new active root organization at the issuer. */
        OrgId createOrganization(String name);

        /** A token the issuer issued to {@code org}, as the verifier would ask about it. */
        TokenStatusResolver.Query issue(OrgId org);

        /** Revokes the token at the issuer. */
        void revoke(TokenStatusResolver.Query token);

        /** Suspends the organization at the issuer. */
        void suspend(OrgId org);

        /** Resumes the organization at the issuer. */
        void resume(OrgId org);

        /** From now on the resolver's status source cannot be reached (database down, endpoint gone). */
        void makeUnreachable();

        /** Releases what the harness started (servers, connections). */
        @Override
        default void close() throws Exception {
        }
    }

    /**
     * A harness whose issuer side is {@code issuer}.
     *
     * @param resolver the resolver under test, reading what {@code issuer} writes
     * @param makeUnreachable cuts the resolver off its source
     * @param onClose run after each test
     */
    protected static Harness storeBacked(StoreBackedIssuer issuer, TokenStatusResolver resolver,
                                         Runnable makeUnreachable, AutoCloseable onClose) {
        return new Harness() {
            @Override
            public TokenStatusResolver resolver() {
                return resolver;
            }

            @Override
            public OrgId createOrganization(String name) {
                return issuer.createOrganization(name);
            }

            @Override
            public TokenStatusResolver.Query issue(OrgId org) {
                return issuer.issue(org);
            }

            @Override
            public void revoke(TokenStatusResolver.Query token) {
                issuer.revoke(token);
            }

            @Override
            public void suspend(OrgId org) {
                issuer.suspend(org);
            }

            @Override
            public void resume(OrgId org) {
                issuer.resume(org);
            }

            @Override
            public void makeUnreachable() {
                makeUnreachable.run();
            }

            @Override
            public void close() throws Exception {
                onClose.close();
            }
        };
    }

    private MutableClock clock;
    private Harness harness;
    private TokenStatusResolver resolver;

    /** A fresh issuer and resolver on {@code clock}; called before every test. */
    protected abstract Harness harness(MutableClock clock);

    @BeforeEach
    void setUpHarness() {
        clock = MutableClock.standard();
        harness = harness(clock);
        resolver = harness.resolver();
    }

    @AfterEach
    void closeHarness() throws Exception {
        harness.close();
    }

    private void waitOutStaleness() {
        clock.advance(resolver.maxStaleness());
    }

    @Test
    void maxStalenessWhenReadThenBetweenZeroAndThirtySeconds() {
        assertThat(resolver.maxStaleness()).isBetween(Duration.ZERO, Duration.ofSeconds(30));
    }

    @Test
    void statusWhenTokenOfActiveOrganizationThenActive() {
        OrgId acme = harness.createOrganization("Acme");
        assertThat(resolver.status(harness.issue(acme))).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    @DisplayName("a revocation is honoured within maxStaleness, also when the token's status was cached as active")
    void statusWhenRevokedThenNotActiveWithinMaxStaleness() {
        OrgId acme = harness.createOrganization("Acme");
        TokenStatusResolver.Query token = harness.issue(acme);
        assertThat(resolver.status(token)).isEqualTo(TokenStatus.ACTIVE);
        harness.revoke(token);
        waitOutStaleness();
        assertThat(resolver.status(token)).isIn(TokenStatus.REVOKED, TokenStatus.INACTIVE);
    }

    @Test
    void statusWhenAnotherTokenOfTheOrganizationRevokedThenStillActive() {
        OrgId acme = harness.createOrganization("Acme");
        TokenStatusResolver.Query revoked = harness.issue(acme);
        TokenStatusResolver.Query kept = harness.issue(acme);
        harness.revoke(revoked);
        waitOutStaleness();
        assertThat(resolver.status(kept)).isEqualTo(TokenStatus.ACTIVE);
        assertThat(resolver.status(revoked)).isIn(TokenStatus.REVOKED, TokenStatus.INACTIVE);
    }

    @Test
    @DisplayName("a suspension is honoured within maxStaleness, also when the organization was cached as active")
    void statusWhenOrganizationSuspendedThenNotActiveWithinMaxStaleness() {
        OrgId acme = harness.createOrganization("Acme");
        TokenStatusResolver.Query token = harness.issue(acme);
        assertThat(resolver.status(token)).isEqualTo(TokenStatus.ACTIVE);
        harness.suspend(acme);
        waitOutStaleness();
        assertThat(resolver.status(token)).isIn(TokenStatus.ORGANIZATION_NOT_ACTIVE, TokenStatus.INACTIVE);
    }

    @Test
    void statusWhenAnotherOrganizationSuspendedThenActive() {
        OrgId acme = harness.createOrganization("Acme");
        OrgId globex = harness.createOrganization("Globex");
        TokenStatusResolver.Query token = harness.issue(acme);
        harness.suspend(globex);
        waitOutStaleness();
        assertThat(resolver.status(token)).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    void statusWhenOrganizationResumedThenActiveAgainWithinMaxStaleness() {
        OrgId acme = harness.createOrganization("Acme");
        TokenStatusResolver.Query token = harness.issue(acme);
        harness.suspend(acme);
        waitOutStaleness();
        assertThat(resolver.status(token)).isNotEqualTo(TokenStatus.ACTIVE);
        harness.resume(acme);
        waitOutStaleness();
        assertThat(resolver.status(token)).isEqualTo(TokenStatus.ACTIVE);
    }

    @Test
    @DisplayName("fail closed: an unreachable source is token.status_unavailable, never an answer from a stale cache")
    void statusWhenSourceUnreachableThenStatusUnavailable() {
        OrgId acme = harness.createOrganization("Acme");
        TokenStatusResolver.Query seen = harness.issue(acme);
        TokenStatusResolver.Query unseen = harness.issue(acme);
        assertThat(resolver.status(seen)).isEqualTo(TokenStatus.ACTIVE);
        harness.makeUnreachable();
        assertUnavailable(unseen);
        waitOutStaleness();
        assertUnavailable(seen);
    }

    private void assertUnavailable(TokenStatusResolver.Query token) {
        IdentityException e = catchThrowableOfType(() -> resolver.status(token), IdentityException.class);
        assertThat(e).as("an unreachable source must throw").isNotNull();
        assertThat(e.code()).isEqualTo(TokenErrors.STATUS_UNAVAILABLE);
    }

    @Test
    void statusWhenCalledConcurrentlyThenEveryAnswerCorrect() throws Exception {
        OrgId acme = harness.createOrganization("Acme");
        TokenStatusResolver.Query active = harness.issue(acme);
        TokenStatusResolver.Query revoked = harness.issue(acme);
        harness.revoke(revoked);
        waitOutStaleness();
        List<Callable<TokenStatus>> tasks = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TokenStatusResolver.Query token = i % 2 == 0 ? active : revoked;
            tasks.add(() -> resolver.status(token));
        }
        List<TokenStatus> answers = Concurrently.run(tasks);
        for (int i = 0; i < answers.size(); i++) {
            if (i % 2 == 0) {
                assertThat(answers.get(i)).isEqualTo(TokenStatus.ACTIVE);
            } else {
                assertThat(answers.get(i)).isIn(TokenStatus.REVOKED, TokenStatus.INACTIVE);
            }
        }
    }
}
