-- identity-core V10: access requests and invitations (io.partnerid.core.admin.JdbcAccessRequestRepository,
-- JdbcInvitationRepository).
-- H2 variant of postgresql/V10__access_requests_invitations.sql (same tables, columns and indexes, without COLLATE "C").
--
-- Both are versioned (a decision and a redemption are compare-and-set updates). Invitations store only the hex
-- SHA-256 of their token, unique. roles is a length-prefixed list of role ids, sorted; justification and e-mail are
-- stored escaped. decided_by_* and accepted_by are NULL until decided or accepted.
CREATE TABLE access_requests (
    id              VARCHAR(64)  NOT NULL,
    requester       VARCHAR(64)  NOT NULL,
    org_id          VARCHAR(64)  NOT NULL,
    role_id         VARCHAR(64)  NOT NULL,
    justification   VARCHAR      NOT NULL,
    access_until    TIMESTAMP WITH TIME ZONE,
    status          VARCHAR(16)  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    decided_by_type VARCHAR(16),
    decided_by_id   VARCHAR(128),
    decided_at      TIMESTAMP WITH TIME ZONE,
    version         BIGINT       NOT NULL,
    CONSTRAINT access_requests_pk PRIMARY KEY (id),
    CONSTRAINT access_requests_status_ck CHECK (status IN ('PENDING', 'APPROVED', 'DENIED', 'EXPIRED'))
);
CREATE INDEX access_requests_org_ix ON access_requests (org_id, status, id);
CREATE INDEX access_requests_requester_ix ON access_requests (requester, id);
-- The expiry sweep: pending requests by expiry.
CREATE INDEX access_requests_expiry_ix ON access_requests (status, expires_at, id);

CREATE TABLE invitations (
    id              VARCHAR(64)  NOT NULL,
    org_id          VARCHAR(64)  NOT NULL,
    pool_id         VARCHAR(64)  NOT NULL,
    email           VARCHAR      NOT NULL,
    roles           VARCHAR      NOT NULL,
    token_hash      VARCHAR(64)  NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    invited_by_type VARCHAR(16)  NOT NULL,
    invited_by_id   VARCHAR(128) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    accepted_by     VARCHAR(64) ,
    version         BIGINT       NOT NULL,
    CONSTRAINT invitations_pk PRIMARY KEY (id),
    CONSTRAINT invitations_status_ck CHECK (status IN ('PENDING', 'ACCEPTED', 'REVOKED'))
);
CREATE UNIQUE INDEX invitations_token_hash_ux ON invitations (token_hash);
CREATE INDEX invitations_org_ix ON invitations (org_id, id);
