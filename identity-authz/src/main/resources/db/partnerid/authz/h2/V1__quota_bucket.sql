-- Token buckets behind partner quotas and rate limits (Bucket4j PostgreSQL proxy manager state).
-- H2 variant of postgresql/V1__quota_bucket.sql: the distributed quota store runs on PostgreSQL only
-- (io.partnerid.authz.entitlement.PostgresQuotaStore); the table exists on H2 too so that both vendors carry the
-- same versions and tables.
CREATE TABLE IF NOT EXISTS partnerid_quota_bucket (
    id    VARCHAR(512) PRIMARY KEY,
    state BYTEA
);
