package io.partnerid.authz;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of an authorization request: permit or deny, with the reasons and the obligations the enforcement
 * point must honour.
 *
 * <p>Implementations are immutable records and thread-safe. A deny is an expected outcome, never an exception.
 *
 * <pre>{@code
 * switch (engine.decide(request)) {
 *     case Decision.Permit permit -> proceed(permit.obligations());
 *     case Decision.Deny deny -> refuse(deny.reasons());
 * }
 * }</pre>
 */
public sealed interface Decision permits Decision.Permit, Decision.Deny {

    /** The reasons, most specific first. */
    List<Reason> reasons();

    /** What the enforcement point must do along with the decision. */
    List<Obligation> obligations();

    /** True for a permit. */
    default boolean permitted() {
        return this instanceof Permit;
    }

    /** A permit with one reason and no obligations. */
    static Permit permit(Reason reason) {
        return new Permit(List.of(reason), List.of());
    }

    /** A deny with one reason. */
    static Deny deny(Reason reason) {
        return new Deny(List.of(reason), List.of());
    }

    /**
     * The action is allowed.
     *
     * @param reasons what allowed it
     * @param obligations what must happen along with it (step-up, read-only)
     */
    record Permit(List<Reason> reasons, List<Obligation> obligations) implements Decision {
        public Permit {
            reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
            obligations = List.copyOf(Objects.requireNonNull(obligations, "obligations"));
        }

        /** The same permit with one more obligation. */
        public Permit withObligation(Obligation obligation) {
            Objects.requireNonNull(obligation, "obligation");
            List<Obligation> more = new java.util.ArrayList<>(obligations);
            more.add(obligation);
            return new Permit(reasons, more);
        }
    }

    /**
     * The action is refused.
     *
     * @param reasons why
     * @param obligations what must happen anyway (for example a step-up that would let a retry succeed, an alert)
     */
    record Deny(List<Reason> reasons, List<Obligation> obligations) implements Decision {
        public Deny {
            reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
            obligations = List.copyOf(Objects.requireNonNull(obligations, "obligations"));
        }
    }
}
