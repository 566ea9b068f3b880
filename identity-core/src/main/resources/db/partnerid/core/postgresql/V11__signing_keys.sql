-- identity-core V11: signing keys (io.partnerid.core.token.JdbcSigningKeyRepository).
--
-- public_key is the X.509 SubjectPublicKeyInfo; sealed_private_key is the PKCS#8 private key as sealed by the
-- host's PrivateKeyProtector (AES-GCM with a key-encryption key, or a KMS envelope), never a plain key unless the
-- host chose PrivateKeyProtector.unprotected().
CREATE TABLE signing_keys (
    key_set            VARCHAR(128) COLLATE "C" NOT NULL,
    kid                VARCHAR(64)  COLLATE "C" NOT NULL,
    algorithm          VARCHAR(16)  NOT NULL,
    status             VARCHAR(16)  NOT NULL,
    public_key         BYTEA        NOT NULL,
    sealed_private_key BYTEA        NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at         TIMESTAMP WITH TIME ZONE,
    version            BIGINT       NOT NULL,
    CONSTRAINT signing_keys_pk PRIMARY KEY (key_set, kid),
    CONSTRAINT signing_keys_status_ck CHECK (status IN ('NEXT', 'CURRENT', 'RETIRED'))
);
