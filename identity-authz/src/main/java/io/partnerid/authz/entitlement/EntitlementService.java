package io.partnerid.authz.entitlement;

import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Contract entitlements: tier features, quotas and rate limits (Bucket4j, in memory or distributed), and time-bound
 * access windows.
 *
 * <p>Thread-safe. The catalog is swapped atomically ({@link #replaceCatalog}); quota accounting is atomic in the
 * {@link QuotaStore}. The contract that applies is the nearest one along the organization's lineage (its own, else
 * its parent's, up to the root), so a partner's sub-organizations share the partner's contract and quotas.
 *
 * <pre>{@code
 * EntitlementService entitlements = EntitlementService.builder(runtime, catalog)
 *         .quotaStore(new InMemoryQuotaStore(runtime.clock()))
 *         .lineage(org -> organizations.lineage(org).stream().map(Organization::id).toList())
 *         .build();
 * if (entitlements.check(EntitlementRequest.consume(org, Optional.of("exports"), "api-calls")).granted()) { ... }
 * }</pre>
 */
public final class EntitlementService {

    private final IdentityRuntime runtime;
    private final AtomicReference<EntitlementCatalog> catalog;
    private final QuotaStore quotas;
    private final Function<OrgId, List<OrgId>> lineage;

    private EntitlementService(Builder b) {
        this.runtime = b.runtime;
        this.catalog = new AtomicReference<>(b.catalog);
        this.quotas = b.quotas;
        this.lineage = b.lineage;
    }

    /**
     * Starts a builder; the runtime's clock decides contract windows, and the quota store defaults to an
     * {@link InMemoryQuotaStore} on that clock.
     */
    public static Builder builder(IdentityRuntime runtime, EntitlementCatalog catalog) {
        return new Builder(runtime, catalog);
    }

    /** Replaces the tiers and contracts atomically. */
    public void replaceCatalog(EntitlementCatalog next) {
        catalog.set(Objects.requireNonNull(next, "next"));
    }

    /** The contract that applies to the organization, if any (nearest along its lineage). */
    public Optional<Contract> contractFor(OrgId org) {
        EntitlementCatalog c = catalog.get();
        List<OrgId> line = lineage.apply(org);
        for (int i = line.size() - 1; i >= 0; i--) {
            Optional<Contract> contract = c.contract(line.get(i));
            if (contract.isPresent()) {
                return contract;
            }
        }
        return Optional.empty();
    }

    /** Checks the feature and window, then consumes from the quota when one is named. */
    public EntitlementOutcome check(EntitlementRequest request) {
        Objects.requireNonNull(request, "request");
        EntitlementCatalog c = catalog.get();
        Optional<Contract> found = contractFor(request.org());
        if (found.isEmpty()) {
            return new EntitlementOutcome.Refused(EntitlementOutcome.Why.NO_CONTRACT, "no contract covers "
                    + request.org());
        }
        Contract contract = found.get();
        Instant now = runtime.now();
        if (!contract.activeAt(now)) {
            return new EntitlementOutcome.Refused(EntitlementOutcome.Why.OUTSIDE_WINDOW, "contract of "
                    + contract.org() + " is not active at " + now);
        }
        Tier tier = c.tiers().get(contract.tier());
        if (request.feature().isPresent() && !tier.features().contains(request.feature().get())
                && !contract.extraFeatures().contains(request.feature().get())) {
            return new EntitlementOutcome.Refused(EntitlementOutcome.Why.FEATURE_NOT_IN_TIER, "feature '"
                    + request.feature().get() + "' is not in tier " + tier.name());
        }
        if (request.quota().isPresent()) {
            String name = request.quota().get();
            QuotaLimit limit = contract.quotaOverrides().getOrDefault(name, tier.quotas().get(name));
            if (limit == null) {
                return new EntitlementOutcome.Refused(EntitlementOutcome.Why.UNKNOWN_QUOTA, "quota '" + name
                        + "' is not part of the contract of " + contract.org());
            }
            if (!quotas.tryConsume(key(contract, name, limit), limit, request.tokens())) {
                return new EntitlementOutcome.Refused(EntitlementOutcome.Why.QUOTA_EXCEEDED, "quota '" + name
                        + "' of " + contract.org() + " is used up");
            }
        }
        return new EntitlementOutcome.Granted(contract.org(), tier.name());
    }

    /** The units left of a quota for the organization's contract, if the contract has the quota. */
    public Optional<Long> remaining(OrgId org, String quota) {
        Optional<Contract> found = contractFor(org);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Contract contract = found.get();
        Tier tier = catalog.get().tiers().get(contract.tier());
        QuotaLimit limit = contract.quotaOverrides().getOrDefault(quota, tier.quotas().get(quota));
        return limit == null ? Optional.empty() : Optional.of(quotas.available(key(contract, quota, limit), limit));
    }

    private static String key(Contract contract, String quota, QuotaLimit limit) {
        return "q:" + contract.org().value() + ":" + quota + ":" + limit.signature();
    }

    /**
     * Builds an {@link EntitlementService}; not thread-safe.
     */
    public static final class Builder {
        private final IdentityRuntime runtime;
        private final EntitlementCatalog catalog;
        private QuotaStore quotas;
        private Function<OrgId, List<OrgId>> lineage = List::of;

        private Builder(IdentityRuntime runtime, EntitlementCatalog catalog) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            this.catalog = Objects.requireNonNull(catalog, "catalog");
        }

        /** Where quota buckets live (default: in memory). */
        public Builder quotaStore(QuotaStore store) {
            this.quotas = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * The organization's lineage, root first and ending with the organization itself (for example from
         * {@code OrganizationService.lineage}); default: the organization alone.
         */
        public Builder lineage(Function<OrgId, List<OrgId>> lineageFunction) {
            this.lineage = Objects.requireNonNull(lineageFunction, "lineageFunction");
            return this;
        }

        public EntitlementService build() {
            if (quotas == null) {
                quotas = new InMemoryQuotaStore(runtime.clock());
            }
            return new EntitlementService(this);
        }
    }
}
