-- identity-core V2: the hash-chained audit log (io.partnerid.core.audit.JdbcAuditLog).
-- H2 variant of postgresql/V2__audit_log.sql (same tables, columns and indexes, without COLLATE "C").
--
-- audit_chain_heads holds one row per tenant: the sequence and hash of its newest record. An append locks that row
-- (SELECT ... FOR UPDATE), so appenders of one tenant serialize across nodes and the chain can never fork; appenders
-- of different tenants do not contend. audit_records is append-only through the SDK; its primary key
-- (tenant, sequence) is the index every read and the verifier use. Free text (type, actor, details) is stored in an
-- escaped form (backslash, NUL and unpaired surrogates escaped) that round-trips every Java string exactly; details
-- are one length-prefixed list "<n>:<key><n>:<value>..." in key order.
CREATE TABLE audit_chain_heads (
    tenant   VARCHAR(64) NOT NULL,
    sequence BIGINT      NOT NULL,
    hash     VARCHAR(64) NOT NULL,
    CONSTRAINT audit_chain_heads_pk PRIMARY KEY (tenant)
);

CREATE TABLE audit_records (
    tenant        VARCHAR(64) NOT NULL,
    sequence      BIGINT      NOT NULL,
    type          VARCHAR     NOT NULL,
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    org_id        VARCHAR(64),
    actor         VARCHAR     NOT NULL,
    details       VARCHAR     NOT NULL,
    previous_hash VARCHAR(64) NOT NULL,
    hash          VARCHAR(64) NOT NULL,
    CONSTRAINT audit_records_pk PRIMARY KEY (tenant, sequence)
);
