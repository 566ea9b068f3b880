package io.partnerid.authz.risk;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of a risk evaluation: the score, every signal that contributed, the escalation and whether to alert.
 *
 * <p>Immutable and thread-safe.
 *
 * @param score the sum of the signals' scores, capped at 100
 * @param signals the signals, in evaluation order
 * @param action the escalation the organization's thresholds give for the score
 * @param alert whether the security team must be alerted
 * @param stepUpAcr the {@code acr} a step-up must reach
 */
public record RiskAssessment(int score, List<RiskSignal> signals, RiskAction action, boolean alert,
                             String stepUpAcr) {

    public RiskAssessment {
        signals = List.copyOf(Objects.requireNonNull(signals, "signals"));
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(stepUpAcr, "stepUpAcr");
    }
}
