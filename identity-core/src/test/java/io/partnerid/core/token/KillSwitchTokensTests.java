package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.Actor;
import io.partnerid.core.governance.KillSwitch;
import io.partnerid.core.governance.SuspensionReport;
import io.partnerid.testkit.OrganizationStatusCaches;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KillSwitchTokensTests {

    @Test
    @DisplayName("Kill switch: the report has a tokens section counting revoked tokens; the tokens stop verifying")
    void suspendWhenTokenContributorInstalledThenReportCountsTokensAndTheyFail() {
        TokenFixture f = new TokenFixture();
        IssuedToken a = f.tokens.issue(f.request().build());
        IssuedToken b = f.tokens.issue(f.request().build());
        KillSwitch killSwitch = new KillSwitch(f.orgRepository, OrganizationStatusCaches.readThrough(f.orgRepository, f.runtime),
                List.of(new TokenSuspensionContributor(f.revocations, f.orgRepository, f.events::add)),
                f.events::add, f.runtime);

        SuspensionReport report = killSwitch.suspend(Actor.system("ops"), f.acme.id(), "contract terminated");

        assertThat(report.section(TokenSuspensionContributor.NAME)).hasValueSatisfying(s -> {
            assertThat(s.count()).isEqualTo(2);
            assertThat(s.ids()).containsExactlyInAnyOrder(a.jwtId(), b.jwtId());
        });
        assertThat(f.tokens.verify(a.value(), TokenFixture.API).isVerified()).isFalse();
        killSwitch.resume(Actor.system("ops"), f.acme.id(), "settled");
        assertThat(f.tokens.verify(a.value(), TokenFixture.API))
                .isEqualTo(new TokenVerification.Rejected(RejectionReason.REVOKED));
    }
}
