/**
 * Multi-factor authentication: TOTP/HOTP, WebAuthn and passkeys (webauthn4j), push approval, one-time-password
 * senders, step-up policy and device management.
 *
 * <p>This module is reserved by the foundation build; its capability arrives with the MFA issue. It depends only on
 * {@code identity-core}.
 */
package io.partnerid.mfa;
