-- identity-core V8: domain claims (io.partnerid.core.domain.JdbcDomainClaimRepository).
-- H2 variant of postgresql/V8__domain_claims.sql (same tables, columns and indexes, without COLLATE "C").
--
-- At most one VERIFIED claim per domain: verified_domain holds the domain exactly when status = 'VERIFIED' (NULL
-- otherwise) and is unique, the portable form of a partial unique index (NULLs never collide). Domains are canonical
-- ASCII (lower case, punycode), at most 253 characters.
CREATE TABLE domain_claims (
    org_id               VARCHAR(64)  NOT NULL,
    domain               VARCHAR(253) NOT NULL,
    status               VARCHAR(16)  NOT NULL,
    challenge            VARCHAR(255) NOT NULL,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    verified_at          TIMESTAMP WITH TIME ZONE,
    challenge_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    verified_domain      VARCHAR(253),
    version              BIGINT       NOT NULL,
    CONSTRAINT domain_claims_pk PRIMARY KEY (org_id, domain),
    CONSTRAINT domain_claims_status_ck CHECK (status IN ('PENDING', 'VERIFIED')),
    CONSTRAINT domain_claims_verified_ck CHECK ((status = 'VERIFIED') = (verified_domain IS NOT NULL))
);
CREATE UNIQUE INDEX domain_claims_verified_ux ON domain_claims (verified_domain);
