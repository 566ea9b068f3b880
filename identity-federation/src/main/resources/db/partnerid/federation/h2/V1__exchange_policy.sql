-- identity-federation V1: per-organization token exchange policies
-- (io.partnerid.federation.exchange.JdbcExchangePolicyRepository).
-- H2 variant of postgresql/V1__exchange_policy.sql (same table, columns and constraints, without COLLATE "C").
--
-- One row per organization that has a policy; no row means the organization allows no exchange. A policy is
-- replaced as a whole (upsert by org_id, last writer wins) and read as a whole.
--
-- policy holds the whole ExchangePolicy except its organization, in the text layout numbered policy_format. A
-- reader refuses a layout it does not know (store.failure), so a later release can add fields by writing a new
-- layout, without changing this table. Layout 1: ten fields, each written <length>:<text> (length in UTF-16 code
-- units): allowed clients, trusted issuers, trusted organizations, reachable audiences, default audience (a list of
-- zero or one), max delegation depth, max exchanges, max lifetime (ISO-8601, to the nanosecond), allow
-- impersonation, require user subject (true/false). A list is its elements written as fields one after the other;
-- sets are sorted, trusted issuers keep their order, each issuer being five fields: issuer, JWKS URI, algorithms (a
-- list of JWS names), audience, typed access tokens. Texts are escaped first (backslash as \\, NUL as \0,
-- an unpaired surrogate as \u and four lowercase hex digits), so any Java string round-trips. Example:
--   4:2:gw0:0:0:0:1:31:56:PT1.5S5:false4:true   (client "gw", no issuer, depth 3, 5 exchanges, 1.5 s, ...)
--
-- Nothing secret is stored: partner issuers, their JWKS URIs (keys are fetched from there, never stored),
-- audiences, client ids and limits. Whoever can write this table decides whose tokens an organization accepts:
-- restrict write access to it.
CREATE TABLE IF NOT EXISTS federation_exchange_policies (
    org_id        VARCHAR(64) NOT NULL,
    policy_format INTEGER     NOT NULL,
    policy        VARCHAR     NOT NULL,
    CONSTRAINT federation_exchange_policies_pk PRIMARY KEY (org_id),
    CONSTRAINT federation_exchange_policies_format_ck CHECK (policy_format > 0)
);
