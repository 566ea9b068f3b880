package io.partnerid.authz;

import java.util.Objects;

/**
 * Something the enforcement point must do along with a {@link Decision}: ask for a stronger authentication, restrict
 * the caller to read-only operations, or raise an alert.
 *
 * <p>Implementations are immutable records and thread-safe.
 */
public sealed interface Obligation permits Obligation.StepUp, Obligation.ReadOnly, Obligation.Alert {

    /**
     * The caller must re-authenticate at the given authentication context class before the action proceeds.
     *
     * @param acr the required {@code acr} value
     * @param reason why the step-up is required
     */
    record StepUp(String acr, String reason) implements Obligation {
        public StepUp {
            Objects.requireNonNull(acr, "acr");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Only read transactions are allowed for the rest of this session or request (adaptive least privilege).
     *
     * @param reason why privileges were lowered
     */
    record ReadOnly(String reason) implements Obligation {
        public ReadOnly {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The security team must be alerted; the decision itself is unchanged.
     *
     * @param reason what triggered the alert
     */
    record Alert(String reason) implements Obligation {
        public Alert {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
