-- identity-core V9: per-organization settings (io.partnerid.core.settings.JdbcOrgSettingsRepository).
-- H2 variant of postgresql/V9__org_settings.sql (same tables, columns and indexes, without COLLATE "C").
--
-- org_settings holds one row per organization that ever saved settings: the optimistic-concurrency version of its
-- whole entry set. org_setting_entries holds what the organization sets (setting_value, escaped, NULL for a lock
-- without a value) or locks. Inheritance is resolved by the SettingsService, not in SQL.
CREATE TABLE org_settings (
    org_id  VARCHAR(64) NOT NULL,
    version BIGINT      NOT NULL,
    CONSTRAINT org_settings_pk PRIMARY KEY (org_id)
);

CREATE TABLE org_setting_entries (
    org_id        VARCHAR(64)  NOT NULL,
    name          VARCHAR(100) NOT NULL,
    setting_value VARCHAR,
    locked        BOOLEAN      NOT NULL,
    CONSTRAINT org_setting_entries_pk PRIMARY KEY (org_id, name)
);
