package io.partnerid.federation.exchange;

import io.partnerid.core.token.JwtClaims;
import java.util.Optional;

/**
 * Step "check the subject is a user" (T8, RFC 8693 §1.1): on-behalf-of needs a user, not a client acting for itself,
 * when the policy says so ({@link ExchangePolicy#requireUserSubject()}).
 *
 * <p>Stateless and thread-safe.
 */
final class UserSubjectCheck {

    /** Passes {@code subject} on; refuses {@code exchange.subject_not_user}. */
    StepOutcome<ValidatedToken> check(ValidatedToken subject, ExchangePolicy policy) {
        if (policy.requireUserSubject() && isClientPrincipal(subject.claims())) {
            return StepOutcome.refuse(ExchangeErrors.SUBJECT_NOT_USER,
                    "The subject token does not represent a user.");
        }
        return StepOutcome.pass(subject);
    }

    /** A client-credentials token names the client itself as subject. */
    private static boolean isClientPrincipal(JwtClaims claims) {
        Optional<String> sub = claims.subject();
        return sub.isPresent() && (sub.equals(claims.string(JwtClaims.CLIENT_ID)) || sub.equals(claims.string("azp")));
    }
}
