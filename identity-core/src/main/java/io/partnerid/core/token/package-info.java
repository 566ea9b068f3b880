/**
 * Tokens: signing keys with rotation and a JWKS view, JWT access tokens in the RFC 9068 profile with organization
 * claims, and a verifier that also checks revocation and organization status.
 *
 * <p>Entry points: {@link io.partnerid.core.token.SigningKeyService} (keys, rotation, JWKS),
 * {@link io.partnerid.core.token.AccessTokenService} (issue, verify, revoke) and
 * {@link io.partnerid.core.token.JwtValidator} (the validation pipeline, also used for partner issuers' tokens).
 * SPIs: {@link io.partnerid.core.token.SigningKeyRepository}, {@link io.partnerid.core.token.RevokedTokenStore},
 * {@link io.partnerid.core.token.PrivateKeyProtector}. Resource servers that hold only the issuer's JWKS verify with
 * {@link io.partnerid.core.token.ResourceServerVerifier} over the {@link io.partnerid.core.token.JwksSource} and
 * {@link io.partnerid.core.token.TokenStatusResolver} SPIs.
 *
 * <p>Bouncy Castle is the JCA provider for EC (ES256) and EdDSA (Ed25519): the JDK's own EC implementation is
 * roughly ten times slower for signing and verifying on the JDK 17 this SDK targets, and the JDK's EdDSA is not
 * usable through Nimbus without Google Tink. The provider is an instance held by the services and handed to each
 * signer and verifier explicitly; it is never registered globally ({@code Security.addProvider}), so the SDK does
 * not change the host's JCA configuration. RSA (RS256, PS256) uses the JDK's provider.
 */
package io.partnerid.core.token;
