package io.partnerid.authz.entitlement;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A commercial tier (for example Basic, Pro, Enterprise): the features it includes and its quotas.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the tier name
 * @param features the feature names included
 * @param quotas quota name to limit
 */
public record Tier(String name, Set<String> features, Map<String, QuotaLimit> quotas) {

    public Tier {
        Objects.requireNonNull(name, "name");
        features = Set.copyOf(Objects.requireNonNull(features, "features"));
        quotas = Map.copyOf(Objects.requireNonNull(quotas, "quotas"));
    }
}
