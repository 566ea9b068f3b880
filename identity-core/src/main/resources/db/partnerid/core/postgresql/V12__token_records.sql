-- identity-core V12: issued and revoked access tokens (io.partnerid.core.token.JdbcRevokedTokenStore).
--
-- Token ids (jti) and organization ids only, never a token. A row lives until its token expires and
-- RevokedTokenStore.purgeExpired removes it.
CREATE TABLE token_records (
    jti        VARCHAR(64) COLLATE "C" NOT NULL,
    org_id     VARCHAR(64) COLLATE "C" NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked    BOOLEAN     NOT NULL,
    CONSTRAINT token_records_pk PRIMARY KEY (jti)
);
CREATE INDEX token_records_org_ix ON token_records (org_id, revoked, expires_at);
CREATE INDEX token_records_expiry_ix ON token_records (expires_at);
