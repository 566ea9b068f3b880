-- identity-core V15: token records are keyed by organization and token id (io.partnerid.core.token.JdbcRevokedTokenStore).
-- H2 variant of postgresql/V15__token_records_per_org.sql (same statements).
--
-- A revocation requested for one organization must never touch a token of another organization, and must be
-- answered the same whether or not another organization holds that token id. The primary key therefore becomes
-- (jti, org_id): a revocation of an id recorded for another organization is recorded for the requesting
-- organization only, and verification looks up (jti, org_id). Existing rows keep their (unique) jti.
ALTER TABLE token_records DROP CONSTRAINT token_records_pk;
ALTER TABLE token_records ADD CONSTRAINT token_records_pk PRIMARY KEY (jti, org_id);
