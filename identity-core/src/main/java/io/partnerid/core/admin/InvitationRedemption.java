package io.partnerid.core.admin;

import io.partnerid.core.user.User;
import java.util.Objects;

/**
 * The outcome of redeeming an invitation token.
 *
 * <p>Immutable and thread-safe. A rejection says the same thing for an unknown, used, revoked or expired token, so
 * that the answer never helps guess tokens; the precise reason goes to the audit trail.
 */
public sealed interface InvitationRedemption {

    /** The invitation was accepted and the user created. */
    record Accepted(User user) implements InvitationRedemption {
        public Accepted {
            Objects.requireNonNull(user, "user");
        }
    }

    /** The token cannot be redeemed. */
    record Rejected() implements InvitationRedemption {
        /** The only thing a client is told. */
        public String clientDescription() {
            return "The invitation is invalid or has expired.";
        }
    }
}
