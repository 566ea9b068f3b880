package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.settings.EffectiveSetting;
import io.partnerid.core.settings.SettingExplanation;
import io.partnerid.core.settings.SettingKey;
import io.partnerid.core.settings.SettingsService;

/**
 * Inherited settings on an actor's authority: set and lock need {@link AdminCapability#MANAGE_SETTINGS} over the
 * organization (a value under an ancestor's lock is refused); explaining needs any admin grant over it. Writes are
 * audited like every administrative write.
 *
 * <p>Thread-safe; all state lives in the repositories. Obtained from {@link DelegatedAdministration#settings()}.
 *
 * <pre>{@code
 * SettingsAdmin settings = core.admin().settings();
 * settings.set(partnerAdmin, partner.id(), sessionTimeout, Duration.ofMinutes(30));
 * settings.lock(partnerAdmin, partner.id(), sessionTimeout);   // no descendant may override it
 * }</pre>
 */
public final class SettingsAdmin {

    private final Guard guard;
    private final SettingsService settings;

    SettingsAdmin(Guard guard, SettingsService settings) {
        this.guard = guard;
        this.settings = settings;
    }

    /** Sets a setting at an organization; needs {@code MANAGE_SETTINGS}; refused under an ancestor's lock. */
    public <T> EffectiveSetting<T> set(Actor actor, OrgId orgId, SettingKey<T> key, T value) {
        return guard.perform(actor, "setting.set", orgId, AdminCapability.MANAGE_SETTINGS, key.name(),
                o -> settings.set(orgId, key, value));
    }

    /** Locks a setting at an organization so that no descendant can override it; needs {@code MANAGE_SETTINGS}. */
    public <T> EffectiveSetting<T> lock(Actor actor, OrgId orgId, SettingKey<T> key) {
        return guard.perform(actor, "setting.lock", orgId, AdminCapability.MANAGE_SETTINGS, key.name(),
                o -> settings.lock(orgId, key));
    }

    /** Explains where a setting's effective value at an organization comes from; needs visibility. */
    public <T> SettingExplanation<T> explain(Actor actor, OrgId orgId, SettingKey<T> key) {
        guard.read(actor, orgId);
        return settings.explain(orgId, key);
    }
}
