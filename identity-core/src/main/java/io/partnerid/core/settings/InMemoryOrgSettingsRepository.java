package io.partnerid.core.settings;

import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * An {@link OrgSettingsRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: saves are atomic compare-and-set operations per organization on a concurrent map, and the stored
 * {@link OrgSettings} values are immutable.
 */
public final class InMemoryOrgSettingsRepository implements OrgSettingsRepository {

    private final ConcurrentMap<OrgId, OrgSettings> byOrg = new ConcurrentHashMap<>();

    @Override
    public Optional<OrgSettings> find(OrgId org) {
        return Optional.ofNullable(byOrg.get(Objects.requireNonNull(org, "org")));
    }

    @Override
    public Map<OrgId, OrgSettings> findAll(Collection<OrgId> orgs) {
        Map<OrgId, OrgSettings> found = new HashMap<>();
        for (OrgId org : orgs) {
            OrgSettings settings = byOrg.get(Objects.requireNonNull(org, "org"));
            if (settings != null) {
                found.put(org, settings);
            }
        }
        return found;
    }

    @Override
    public OrgSettings save(OrgSettings settings) {
        Objects.requireNonNull(settings, "settings");
        OrgSettings stored = settings.withVersion(settings.version() + 1);
        OrgSettings result = byOrg.compute(settings.org(), (org, current) -> {
            long currentVersion = current == null ? 0 : current.version();
            return currentVersion == settings.version() ? stored : current;
        });
        if (result != stored) {
            throw StoreErrors.conflict("settings of " + settings.org());
        }
        return stored;
    }
}
