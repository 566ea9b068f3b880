package io.partnerid.federation.exchange;

import io.partnerid.core.ErrorCode;
import java.util.Objects;

/**
 * What one step of the token exchange answers: go on with the step's result, or end the exchange with a refusal.
 *
 * <p>Immutable and thread-safe. Package-private: the public result of an exchange is {@link ExchangeOutcome}.
 *
 * @param <T> what the step hands to the next one
 */
sealed interface StepOutcome<T> permits StepOutcome.Pass, StepOutcome.Refuse {

    static <T> StepOutcome<T> pass(T value) {
        return new Pass<>(value);
    }

    static <T> StepOutcome<T> refuse(ErrorCode code, String description) {
        return new Refuse<>(code, description);
    }

    /** The step accepted; {@code value} is its result. */
    record Pass<T>(T value) implements StepOutcome<T> {
        public Pass {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The step refused: the exchange ends here.
     *
     * @param code the precise, namespaced reason
     * @param description the client-safe description
     */
    record Refuse<T>(ErrorCode code, String description) implements StepOutcome<T> {
        public Refuse {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(description, "description");
        }

        ExchangeOutcome.Refused toOutcome() {
            return ExchangeOutcome.Refused.of(code, description);
        }
    }
}
