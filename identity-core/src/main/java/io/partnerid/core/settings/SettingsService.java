package io.partnerid.core.settings;

import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.settings.EffectiveSetting.Source;
import io.partnerid.core.settings.SettingExplanation.Outcome;
import io.partnerid.core.settings.SettingExplanation.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Inherited settings with guardrails: values set at organizations resolve down the organization path, and an
 * organization may lock a setting so that no descendant can override it.
 *
 * <p>Thread-safe. <strong>Resolution</strong>, walking the path from the root to the organization: the first
 * organization that <em>locks</em> the key fixes the value it has there (its own value, or, when it locks without
 * one, the value it inherits); otherwise the deepest organization that sets a value wins; otherwise the key's
 * default. Setting, clearing or locking a key at an organization below a lock fails with
 * {@code settings.locked_by_ancestor}; unlocking stays possible. A write racing with an ancestor's new lock is
 * harmless: resolution ignores everything below a lock. Each resolution costs O(depth) organization look-ups and
 * one {@link OrgSettingsRepository#findAll} call.
 *
 * <p>This is the <em>unchecked</em> domain service: the delegated-administration façade checks the acting
 * principal and audits. Writes to a suspended organization are refused ({@code org.suspended}); reads are not.
 *
 * <pre>{@code
 * SettingsService settings = new SettingsService(new InMemoryOrgSettingsRepository(), orgs);
 * settings.set(acme, SettingKey.SESSION_LIFETIME, Duration.ofHours(1));
 * settings.lock(acme, SettingKey.SESSION_LIFETIME);                  // no desk may lengthen it
 * settings.effective(equitiesDesk, SettingKey.SESSION_LIFETIME);     // PT1H from ORG(acme), locked by acme
 * settings.explain(equitiesDesk, SettingKey.SESSION_LIFETIME).describe().forEach(System.out::println);
 * }</pre>
 */
public final class SettingsService {

    private static final int MAX_ATTEMPTS = 3;

    private final OrgSettingsRepository repository;
    private final OrganizationService organizations;

    public SettingsService(OrgSettingsRepository repository, OrganizationService organizations) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.organizations = Objects.requireNonNull(organizations, "organizations");
    }

    /**
     * Sets {@code key} to {@code value} at {@code org}, keeping its lock flag.
     *
     * @return the effective setting at {@code org} afterwards
     * @throws IdentityException {@code settings.invalid_value}, {@code settings.locked_by_ancestor},
     *     {@code org.not_found}, {@code org.suspended}
     */
    public <T> EffectiveSetting<T> set(OrgId org, SettingKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        String encoded = key.encode(Objects.requireNonNull(value, "value"));
        return write(org, key, true, (current, locked) -> current.with(key.name(), Optional.of(encoded), locked));
    }

    /**
     * Removes the value of {@code key} at {@code org} (a lock stays), so that it inherits again.
     *
     * @return the effective setting at {@code org} afterwards
     * @throws IdentityException {@code settings.locked_by_ancestor}, {@code org.not_found}, {@code org.suspended}
     */
    public <T> EffectiveSetting<T> clear(OrgId org, SettingKey<T> key) {
        return write(org, key, true, (current, locked) -> current.with(key.name(), Optional.empty(), locked));
    }

    /**
     * Locks {@code key} at {@code org}: the value it has there (its own, or inherited) is fixed for its whole
     * subtree. Idempotent.
     *
     * @return the effective setting at {@code org} afterwards
     * @throws IdentityException {@code settings.locked_by_ancestor}, {@code org.not_found}, {@code org.suspended}
     */
    public <T> EffectiveSetting<T> lock(OrgId org, SettingKey<T> key) {
        return write(org, key, true, (current, locked) -> current.with(key.name(),
                current.entry(key.name()).flatMap(SettingEntry::value), true));
    }

    /**
     * Removes the lock of {@code key} at {@code org}, keeping its value; allowed under an ancestor's lock.
     * Idempotent.
     *
     * @return the effective setting at {@code org} afterwards
     * @throws IdentityException {@code org.not_found}, {@code org.suspended}
     */
    public <T> EffectiveSetting<T> unlock(OrgId org, SettingKey<T> key) {
        return write(org, key, false, (current, locked) -> current.with(key.name(),
                current.entry(key.name()).flatMap(SettingEntry::value), false));
    }

    /**
     * The value of {@code key} at {@code org} after inheritance and locks.
     *
     * @throws IdentityException {@code org.not_found}; {@code settings.corrupt_value} when a stored value on the
     *     path no longer decodes
     */
    public <T> EffectiveSetting<T> effective(OrgId org, SettingKey<T> key) {
        return explain(org, key).effective();
    }

    /**
     * The effective value of {@code key} at {@code org} with one step per organization from the root down: whether
     * it sets a value, whether it locks, and whether its value is used, overridden or ignored because of a lock.
     *
     * @throws IdentityException {@code org.not_found}; {@code settings.corrupt_value}
     */
    public <T> SettingExplanation<T> explain(OrgId org, SettingKey<T> key) {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(key, "key");
        List<Organization> lineage = organizations.lineage(org);
        return resolve(org, key, lineage, repository.findAll(ids(lineage)));
    }

    @FunctionalInterface
    private interface Change {
        OrgSettings apply(OrgSettings current, boolean currentlyLocked);
    }

    private <T> EffectiveSetting<T> write(OrgId org, SettingKey<T> key, boolean refuseUnderLock, Change change) {
        Objects.requireNonNull(org, "org");
        Objects.requireNonNull(key, "key");
        for (int attempt = 1; ; attempt++) {
            List<Organization> lineage = organizations.lineage(org);
            Organization target = lineage.get(lineage.size() - 1);
            if (!target.isActive()) {
                throw OrgErrors.suspended(org);
            }
            Map<OrgId, OrgSettings> stored = new HashMap<>(repository.findAll(ids(lineage)));
            if (refuseUnderLock) {
                for (Organization ancestor : lineage.subList(0, lineage.size() - 1)) {
                    OrgSettings settings = stored.get(ancestor.id());
                    if (settings != null && settings.entry(key.name()).map(SettingEntry::locked).orElse(false)) {
                        throw SettingsErrors.lockedByAncestor(key.name(), org, ancestor.id());
                    }
                }
            }
            OrgSettings current = stored.getOrDefault(org, OrgSettings.empty(org));
            boolean locked = current.entry(key.name()).map(SettingEntry::locked).orElse(false);
            OrgSettings changed = change.apply(current, locked);
            if (changed.entries().equals(current.entries())) {
                return resolve(org, key, lineage, stored).effective();
            }
            try {
                OrgSettings saved = repository.save(changed);
                stored.put(org, saved);
                return resolve(org, key, lineage, stored).effective();
            } catch (IdentityException e) {
                if (!e.code().equals(StoreErrors.CONFLICT) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static <T> SettingExplanation<T> resolve(OrgId org, SettingKey<T> key, List<Organization> lineage,
                                                     Map<OrgId, OrgSettings> stored) {
        int n = lineage.size();
        List<Optional<T>> values = new ArrayList<>(n);
        List<Boolean> locks = new ArrayList<>(n);
        T value = key.defaultValue();
        int sourceIndex = -1;
        int lockIndex = -1;
        for (int i = 0; i < n; i++) {
            OrgId id = lineage.get(i).id();
            Optional<SettingEntry> entry = Optional.ofNullable(stored.get(id)).flatMap(s -> s.entry(key.name()));
            Optional<T> own = entry.flatMap(SettingEntry::value).map(text -> decode(key, id, text));
            boolean locked = entry.map(SettingEntry::locked).orElse(false);
            values.add(own);
            locks.add(locked);
            if (lockIndex >= 0) {
                continue; // everything below the first lock is ignored
            }
            if (own.isPresent()) {
                value = own.get();
                sourceIndex = i;
            }
            if (locked) {
                lockIndex = i;
            }
        }
        Source source = sourceIndex < 0 ? Source.DEFAULT : Source.org(lineage.get(sourceIndex).id());
        Optional<OrgId> lockedBy = lockIndex < 0 ? Optional.empty() : Optional.of(lineage.get(lockIndex).id());
        EffectiveSetting<T> effective = new EffectiveSetting<>(value, source, lockedBy);

        List<Step<T>> steps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            boolean sets = values.get(i).isPresent();
            boolean locked = locks.get(i);
            Outcome outcome;
            if (lockIndex >= 0 && i > lockIndex) {
                outcome = sets || locked ? Outcome.IGNORED_BECAUSE_LOCKED : Outcome.NOT_SET;
            } else if (i == sourceIndex) {
                outcome = Outcome.USED;
            } else if (sets) {
                outcome = Outcome.OVERRIDDEN;
            } else if (i == lockIndex) {
                outcome = Outcome.LOCKS_INHERITED_VALUE;
            } else {
                outcome = Outcome.NOT_SET;
            }
            steps.add(new Step<>(lineage.get(i).id(), i + 1, values.get(i), locked, outcome));
        }
        return new SettingExplanation<>(org, key, effective, steps);
    }

    private static <T> T decode(SettingKey<T> key, OrgId org, String text) {
        try {
            return key.decode(text);
        } catch (RuntimeException e) {
            throw SettingsErrors.corruptValue(key.name(), org, e);
        }
    }

    private static List<OrgId> ids(List<Organization> lineage) {
        List<OrgId> ids = new ArrayList<>(lineage.size());
        for (Organization o : lineage) {
            ids.add(o.id());
        }
        return ids;
    }
}
