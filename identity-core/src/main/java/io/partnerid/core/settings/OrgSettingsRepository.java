package io.partnerid.core.settings;

import io.partnerid.core.org.OrgId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Durable storage of the settings each organization sets or locks itself: per organization, setting name to
 * (optional encoded value, locked flag), with one version per organization.
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships {@link InMemoryOrgSettingsRepository}
 * (for tests and local development) and a JDBC implementation; both pass {@code OrgSettingsRepositoryContract} from
 * {@code identity-testkit}. Values are stored as given (already validated and encoded by {@link SettingKey}); the
 * repository knows nothing of inheritance. Values are configuration, not secrets: no hashing or encryption.
 */
public interface OrgSettingsRepository {

    /** The settings of {@code org}; empty when none were ever saved. */
    Optional<OrgSettings> find(OrgId org);

    /**
     * The settings of several organizations at once, called with the ids of an organization path (root to leaf) to
     * resolve a setting in one round trip; organizations without saved settings are absent from the map.
     */
    Map<OrgId, OrgSettings> findAll(Collection<OrgId> orgs);

    /**
     * Replaces the whole entry set of {@code settings.org()}, provided the stored version equals
     * {@code settings.version()} (0 when nothing is stored yet). An empty entry set is stored as such (the version
     * keeps counting).
     *
     * @return the stored settings with version + 1
     * @throws io.partnerid.core.IdentityException {@code store.conflict} when the version is stale
     */
    OrgSettings save(OrgSettings settings);
}
