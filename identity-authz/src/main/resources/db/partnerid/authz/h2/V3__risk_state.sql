-- identity-authz V3: short-lived behavioural state behind the risk signals
-- (io.partnerid.authz.risk.JdbcRiskStateStore). Every row expires; JdbcRiskStateStore.purgeExpired deletes the
-- H2 variant of postgresql/V3__risk_state.sql (same tables, columns and indexes, without COLLATE "C").
-- expired ones (the seen/expiry indexes serve it), and expired rows are ignored by reads before that.
--
-- subject_key / org_key are the engine's keys (org/subject, org). Coordinates are NULL when the geo-IP resolver only
-- knows the country.
CREATE TABLE authz_risk_sightings (
    subject_key VARCHAR(512) NOT NULL,
    country     VARCHAR(16)  NOT NULL,
    latitude    DOUBLE PRECISION,
    longitude   DOUBLE PRECISION,
    seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT authz_risk_sightings_pk PRIMARY KEY (subject_key)
);
CREATE INDEX authz_risk_sightings_seen_ix ON authz_risk_sightings (seen_at);

CREATE TABLE authz_risk_devices (
    subject_key VARCHAR(512) NOT NULL,
    device_id   VARCHAR(512) NOT NULL,
    last_seen   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT authz_risk_devices_pk PRIMARY KEY (subject_key, device_id)
);
CREATE INDEX authz_risk_devices_seen_ix ON authz_risk_devices (last_seen);

-- One fixed window of a request counter: window_millis is the window length, slot the window's index since the
-- epoch (epoch millis / window_millis).
CREATE TABLE authz_risk_request_counts (
    org_key       VARCHAR(512) NOT NULL,
    window_millis BIGINT       NOT NULL,
    slot          BIGINT       NOT NULL,
    request_count BIGINT       NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT authz_risk_request_counts_pk PRIMARY KEY (org_key, window_millis, slot)
);
CREATE INDEX authz_risk_request_counts_exp_ix ON authz_risk_request_counts (expires_at);
