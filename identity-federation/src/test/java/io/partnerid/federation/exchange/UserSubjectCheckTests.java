package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.StepOutcomes.assertRefused;
import static io.partnerid.federation.exchange.StepOutcomes.passed;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The exchange step "check the subject is a user (T8)" alone: its accept path and each refusal with its error code.
 */
class UserSubjectCheckTests {

    private final ExchangeFixture f = new ExchangeFixture();
    private final UserSubjectCheck check = new UserSubjectCheck();

    @Test
    void checkWhenUserSubjectThenPassed() {
        ValidatedToken user = f.validated(false, c -> c.put("client_id", "portal"));
        assertThat(passed(check.check(user, f.acmePolicy(b -> b.requireUserSubject(true))))).isSameAs(user);
    }

    @Test
    @DisplayName("RFC 8693 §1.1: on-behalf-of needs a user; a client-credentials token names the client as sub")
    void checkWhenClientIsItsOwnSubjectThenSubjectNotUser() {
        ValidatedToken client = f.validated(false, c -> c.put("client_id", "alice"));
        assertRefused(check.check(client, f.acmePolicy(b -> b.requireUserSubject(true))),
                ExchangeErrors.SUBJECT_NOT_USER);
        ValidatedToken azp = f.validated(false, c -> c.put("azp", "alice"));
        assertRefused(check.check(azp, f.acmePolicy(b -> b.requireUserSubject(true))),
                ExchangeErrors.SUBJECT_NOT_USER);
        assertThat(passed(check.check(client, f.acmePolicy(b -> b.requireUserSubject(false))))).isSameAs(client);
    }
}
