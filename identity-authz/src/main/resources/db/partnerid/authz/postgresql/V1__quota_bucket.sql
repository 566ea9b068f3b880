-- Token buckets behind partner quotas and rate limits (Bucket4j PostgreSQL proxy manager state).
CREATE TABLE IF NOT EXISTS partnerid_quota_bucket (
    id    VARCHAR(512) PRIMARY KEY,
    state BYTEA
);
