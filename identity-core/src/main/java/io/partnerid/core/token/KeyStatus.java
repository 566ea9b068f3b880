package io.partnerid.core.token;

/**
 * Where a signing key is in its rotation: published ahead of use, signing, or only verifying.
 *
 * <p>Immutable and thread-safe. All three states are published in the JWKS, so relying parties that cache the JWKS
 * already know the next key when rotation makes it current, and still know a retired key while tokens it signed are
 * alive.
 */
public enum KeyStatus {
    /** Published, not yet signing. */
    NEXT,
    /** Signs new tokens; exactly one per key set. */
    CURRENT,
    /** No longer signs; still verifies until purged. */
    RETIRED
}
