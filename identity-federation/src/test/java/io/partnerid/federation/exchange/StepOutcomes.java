package io.partnerid.federation.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.ErrorCode;

/** Assertions on one exchange step's {@link StepOutcome}. */
final class StepOutcomes {

    private StepOutcomes() {
    }

    /** The step passed; its result. */
    static <T> T passed(StepOutcome<T> outcome) {
        assertThat(outcome).isInstanceOf(StepOutcome.Pass.class);
        return ((StepOutcome.Pass<T>) outcome).value();
    }

    /** The step refused with {@code code}. */
    static void assertRefused(StepOutcome<?> outcome, ErrorCode code) {
        assertThat(outcome).isInstanceOf(StepOutcome.Refuse.class);
        assertThat(((StepOutcome.Refuse<?>) outcome).code()).isEqualTo(code);
    }
}
