package io.partnerid.authz.entitlement;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.core.IdentityException;
import io.partnerid.core.org.OrgId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tiers and the contracts of every partner, as one immutable value the {@link EntitlementService} swaps
 * atomically.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tiers tier name to tier
 * @param contracts contract holder to contract
 */
public record EntitlementCatalog(Map<String, Tier> tiers, Map<OrgId, Contract> contracts) {

    public EntitlementCatalog {
        tiers = Map.copyOf(Objects.requireNonNull(tiers, "tiers"));
        contracts = Map.copyOf(Objects.requireNonNull(contracts, "contracts"));
        for (Contract c : contracts.values()) {
            if (!tiers.containsKey(c.tier())) {
                throw new IdentityException(AuthzErrors.ENTITLEMENT_INVALID, "The entitlement catalog is invalid.",
                        "contract of " + c.org() + " names unknown tier '" + c.tier() + "'");
            }
        }
    }

    /** A catalog of the given tiers and contracts. */
    public static EntitlementCatalog of(List<Tier> tiers, List<Contract> contracts) {
        Map<String, Tier> t = new HashMap<>();
        tiers.forEach(x -> t.put(x.name(), x));
        Map<OrgId, Contract> c = new HashMap<>();
        contracts.forEach(x -> c.put(x.org(), x));
        return new EntitlementCatalog(t, c);
    }

    Optional<Contract> contract(OrgId org) {
        return Optional.ofNullable(contracts.get(org));
    }
}
