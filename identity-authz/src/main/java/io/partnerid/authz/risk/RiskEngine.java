package io.partnerid.authz.risk;

import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.org.OrgId;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Scores a request's risk from explainable signals (IP allowlist, geo-fence, impossible travel, new device,
 * request-rate anomaly, time of day) and escalates by the organization's thresholds.
 *
 * <p>Thread-safe. The per-organization policies are swapped atomically ({@link #replacePolicies}); the effective
 * policy of an organization combines every policy along its lineage, each level only able to make it stricter.
 *
 * <pre>{@code
 * RiskEngine risk = RiskEngine.builder(runtime).geoIp(table).policies(Map.of(acme, RiskPolicy.DEFAULT
 *         .withAllowlist("10.0.0.0/8"))).build();
 * RiskAssessment a = risk.assess(new RiskContext(acme, "u1", Optional.of("10.1.2.3"), Optional.of("dev-1")));
 * }</pre>
 */
public final class RiskEngine {

    private static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    private final IdentityRuntime runtime;
    private final GeoIpResolver geoIp;
    private final RiskStateStore state;
    private final Function<OrgId, List<OrgId>> lineage;
    private final AtomicReference<Map<OrgId, RiskPolicy>> policies;

    private RiskEngine(Builder b) {
        this.runtime = b.runtime;
        this.geoIp = b.geoIp;
        this.state = b.state;
        this.lineage = b.lineage;
        this.policies = new AtomicReference<>(Map.copyOf(b.policies));
    }

    /** Starts a builder; the runtime's clock times sightings, devices and request rates. */
    public static Builder builder(IdentityRuntime runtime) {
        return new Builder(runtime);
    }

    /** Replaces every organization's policy atomically. */
    public void replacePolicies(Map<OrgId, RiskPolicy> next) {
        policies.set(Map.copyOf(next));
    }

    /** Assesses one request. */
    public RiskAssessment assess(RiskContext ctx) {
        Objects.requireNonNull(ctx, "ctx");
        Map<OrgId, RiskPolicy> all = policies.get();
        List<RiskPolicy> chain = new ArrayList<>();
        for (OrgId o : lineage.apply(ctx.org())) {
            RiskPolicy p = all.get(o);
            if (p != null) {
                chain.add(p);
            }
        }
        if (chain.isEmpty()) {
            chain.add(RiskPolicy.DEFAULT);
        }
        RiskPolicy.Scores scores = chain.get(0).scores();
        RiskPolicy.Thresholds thresholds = chain.get(0).thresholds();
        double maxSpeed = chain.get(0).maxTravelKmPerHour();
        long baseline = 0;
        String acr = chain.get(chain.size() - 1).stepUpAcr();
        for (RiskPolicy p : chain) {
            scores = scores.max(p.scores());
            thresholds = thresholds.min(p.thresholds());
            maxSpeed = Math.min(maxSpeed, p.maxTravelKmPerHour());
            if (p.rateBaselinePerMinute() > 0) {
                baseline = baseline == 0 ? p.rateBaselinePerMinute() : Math.min(baseline, p.rateBaselinePerMinute());
            }
        }
        Instant now = runtime.now();
        List<RiskSignal> signals = new ArrayList<>();
        Optional<IpAddress> ip = ctx.ip().flatMap(IpAddress::parse);
        String subjectKey = ctx.org().value() + "/" + ctx.subjectId();

        // IP allowlist: every allowlist along the lineage must admit the address
        for (RiskPolicy p : chain) {
            if (!p.allowlist().isEmpty() && (ip.isEmpty() || p.allowlist().stream().noneMatch(c -> c.contains(ip.get())))) {
                signals.add(new RiskSignal("ip_not_allowed", scores.ipNotAllowed(), "address "
                        + ctx.ip().orElse("(none)") + " is outside the organization's allowlist " + p.allowlist()));
                break;
            }
        }
        Optional<GeoLocation> where = ip.flatMap(geoIp::locate);
        for (RiskPolicy p : chain) {
            if (!p.allowedCountries().isEmpty()
                    && (where.isEmpty() || !p.allowedCountries().contains(where.get().country()))) {
                signals.add(new RiskSignal("geo_fence", scores.geoFence(), "request from "
                        + where.map(GeoLocation::country).orElse("an unknown location") + ", allowed: "
                        + new java.util.TreeSet<>(p.allowedCountries())));
                break;
            }
        }
        if (where.isPresent()) {
            Optional<RiskStateStore.Sighting> last = state.swapLastSighting(subjectKey,
                    new RiskStateStore.Sighting(where.get(), now));
            if (last.isPresent()) {
                double km = last.get().location().distanceKm(where.get());
                double hours = Math.max(Duration.between(last.get().at(), now).toMillis(), 1) / 3_600_000.0;
                if (km > 100 && km / hours > maxSpeed) {
                    signals.add(new RiskSignal("impossible_travel", scores.impossibleTravel(), String.format(
                            java.util.Locale.ROOT, "%.0f km from %s in %.2f h (%.0f km/h)", km,
                            last.get().location().country(), hours, km / hours)));
                }
            }
        }
        if (ctx.deviceId().isPresent() && !state.rememberDevice(subjectKey, ctx.deviceId().get())) {
            signals.add(new RiskSignal("new_device", scores.newDevice(), "first request from this device"));
        }
        long count = state.countRequest(ctx.org().value(), now, RATE_WINDOW);
        if (baseline > 0 && count > 3 * baseline) {
            signals.add(new RiskSignal("rate_anomaly", scores.rateAnomaly(), count
                    + " requests this minute, baseline " + baseline));
        }
        for (RiskPolicy p : chain) {
            if (p.businessHours().isPresent()) {
                RiskPolicy.BusinessHours h = p.businessHours().get();
                LocalTime local = now.atZone(h.zone()).toLocalTime();
                if (!h.contains(local)) {
                    signals.add(new RiskSignal("off_hours", scores.offHours(), "local time " + local.withNano(0)
                            + " outside " + h.from() + "-" + h.to() + " " + h.zone()));
                    break;
                }
            }
        }
        int score = Math.min(100, signals.stream().mapToInt(RiskSignal::score).sum());
        RiskAction action = score >= thresholds.deny() ? RiskAction.DENY
                : score >= thresholds.readOnly() ? RiskAction.READ_ONLY
                : score >= thresholds.stepUp() ? RiskAction.STEP_UP : RiskAction.ALLOW;
        return new RiskAssessment(score, signals, action, score >= thresholds.alert(), acr);
    }

    /** Builds a {@link RiskEngine}; not thread-safe. */
    public static final class Builder {
        private final IdentityRuntime runtime;
        private GeoIpResolver geoIp = GeoIpResolver.none();
        private RiskStateStore state;
        private Function<OrgId, List<OrgId>> lineage = List::of;
        private Map<OrgId, RiskPolicy> policies = Map.of();

        private Builder(IdentityRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
        }

        /** The geo-IP resolver (default: knows nothing). */
        public Builder geoIp(GeoIpResolver resolver) {
            this.geoIp = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /** The behavioural state store (default: in memory). */
        public Builder stateStore(RiskStateStore store) {
            this.state = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The organization's lineage, root first, ending with itself (default: the organization alone). */
        public Builder lineage(Function<OrgId, List<OrgId>> lineageFunction) {
            this.lineage = Objects.requireNonNull(lineageFunction, "lineageFunction");
            return this;
        }

        /** The per-organization policies. */
        public Builder policies(Map<OrgId, RiskPolicy> perOrg) {
            this.policies = Objects.requireNonNull(perOrg, "perOrg");
            return this;
        }

        public RiskEngine build() {
            if (state == null) {
                state = new InMemoryRiskStateStore();
            }
            return new RiskEngine(this);
        }
    }
}
