package io.partnerid.authz.risk;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One organization's risk settings: IP allowlist, geo-fence, business hours, request-rate baseline, signal scores
 * and escalation thresholds.
 *
 * <p>Immutable and thread-safe. Settings inherit down the organization tree with guardrails: a descendant can only
 * make things stricter (every allowlist and geo-fence along the lineage must be satisfied, the lowest threshold and
 * the highest score win), never looser.
 *
 * @param allowlist networks requests must come from; empty for no restriction
 * @param allowedCountries countries requests must come from; empty for no fence
 * @param businessHours the allowed local time window and its zone, if the organization restricts time of day
 * @param rateBaselinePerMinute the usual request rate of the partner; a rate above three times it is an anomaly
 *     (0 disables the signal)
 * @param maxTravelKmPerHour the speed above which two successive locations are impossible travel
 * @param scores points per signal
 * @param thresholds score thresholds per escalation
 * @param stepUpAcr the {@code acr} a step-up must reach
 */
public record RiskPolicy(List<Cidr> allowlist, Set<String> allowedCountries, Optional<BusinessHours> businessHours,
                         long rateBaselinePerMinute, double maxTravelKmPerHour, Scores scores,
                         Thresholds thresholds, String stepUpAcr) {

    /** The default policy: no allowlist or fence, default scores and thresholds. */
    public static final RiskPolicy DEFAULT = new RiskPolicy(List.of(), Set.of(), Optional.empty(), 0, 1000,
            Scores.DEFAULT, Thresholds.DEFAULT, "urn:partnerid:acr:mfa");

    public RiskPolicy {
        allowlist = List.copyOf(Objects.requireNonNull(allowlist, "allowlist"));
        allowedCountries = Set.copyOf(Objects.requireNonNull(allowedCountries, "allowedCountries"));
        Objects.requireNonNull(businessHours, "businessHours");
        Objects.requireNonNull(scores, "scores");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(stepUpAcr, "stepUpAcr");
        if (rateBaselinePerMinute < 0 || maxTravelKmPerHour <= 0) {
            throw new IllegalArgumentException("rate baseline must be >= 0 and travel speed > 0");
        }
    }

    /** The same policy with an allowlist. */
    public RiskPolicy withAllowlist(String... cidrs) {
        return new RiskPolicy(java.util.Arrays.stream(cidrs).map(Cidr::parse).toList(), allowedCountries,
                businessHours, rateBaselinePerMinute, maxTravelKmPerHour, scores, thresholds, stepUpAcr);
    }

    /** The same policy with a geo-fence. */
    public RiskPolicy withCountries(String... countries) {
        return new RiskPolicy(allowlist, Set.of(countries), businessHours, rateBaselinePerMinute, maxTravelKmPerHour,
                scores, thresholds, stepUpAcr);
    }

    /** The same policy with business hours. */
    public RiskPolicy withBusinessHours(LocalTime from, LocalTime to, ZoneId zone) {
        return new RiskPolicy(allowlist, allowedCountries, Optional.of(new BusinessHours(from, to, zone)),
                rateBaselinePerMinute, maxTravelKmPerHour, scores, thresholds, stepUpAcr);
    }

    /** The same policy with a request-rate baseline. */
    public RiskPolicy withRateBaseline(long perMinute) {
        return new RiskPolicy(allowlist, allowedCountries, businessHours, perMinute, maxTravelKmPerHour, scores,
                thresholds, stepUpAcr);
    }

    /** The same policy with other thresholds. */
    public RiskPolicy withThresholds(Thresholds t) {
        return new RiskPolicy(allowlist, allowedCountries, businessHours, rateBaselinePerMinute, maxTravelKmPerHour,
                scores, t, stepUpAcr);
    }

    /**
     * A local time window ({@code from} inclusive, {@code to} exclusive; may wrap past midnight).
     *
     * @param from start
     * @param to end
     * @param zone the zone the times are in
     */
    public record BusinessHours(LocalTime from, LocalTime to, ZoneId zone) {
        public BusinessHours {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(zone, "zone");
        }

        boolean contains(LocalTime t) {
            return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
        }
    }

    /**
     * Points per signal.
     *
     * @param ipNotAllowed outside the allowlist
     * @param geoFence outside the allowed countries (or unknown location under a fence)
     * @param impossibleTravel faster than possible since the last request
     * @param newDevice a device never seen for this subject
     * @param rateAnomaly above three times the partner's baseline
     * @param offHours outside business hours
     */
    public record Scores(int ipNotAllowed, int geoFence, int impossibleTravel, int newDevice, int rateAnomaly,
                         int offHours) {
        /** Defaults: allowlist and fence violations deny outright, the others add up. */
        public static final Scores DEFAULT = new Scores(100, 80, 70, 30, 40, 20);

        Scores max(Scores o) {
            return new Scores(Math.max(ipNotAllowed, o.ipNotAllowed), Math.max(geoFence, o.geoFence),
                    Math.max(impossibleTravel, o.impossibleTravel), Math.max(newDevice, o.newDevice),
                    Math.max(rateAnomaly, o.rateAnomaly), Math.max(offHours, o.offHours));
        }
    }

    /**
     * Score thresholds: at or above each, the escalation applies (the strictest one reached wins).
     *
     * @param stepUp threshold for a step-up
     * @param readOnly threshold for a read-only downgrade
     * @param deny threshold for a deny
     * @param alert threshold for an alert
     */
    public record Thresholds(int stepUp, int readOnly, int deny, int alert) {
        /** Defaults: 30 step-up, 60 read-only, 80 deny, 70 alert. */
        public static final Thresholds DEFAULT = new Thresholds(30, 60, 80, 70);

        public Thresholds {
            if (!(stepUp <= readOnly && readOnly <= deny)) {
                throw new IllegalArgumentException("thresholds must satisfy stepUp <= readOnly <= deny");
            }
        }

        Thresholds min(Thresholds o) {
            return new Thresholds(Math.min(stepUp, o.stepUp), Math.min(readOnly, o.readOnly), Math.min(deny, o.deny),
                    Math.min(alert, o.alert));
        }
    }

}
