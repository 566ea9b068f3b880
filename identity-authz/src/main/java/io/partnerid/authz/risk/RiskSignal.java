package io.partnerid.authz.risk;

import java.util.Objects;

/**
 * One explainable contribution to a risk score.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the signal, for example {@code ip_not_allowed}, {@code geo_fence}, {@code impossible_travel},
 *     {@code new_device}, {@code rate_anomaly}, {@code off_hours}
 * @param score the points it adds
 * @param explanation what was observed (no secrets; an IP address and a country at most)
 */
public record RiskSignal(String name, int score, String explanation) {

    public RiskSignal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(explanation, "explanation");
    }
}
