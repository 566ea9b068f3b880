/**
 * Federation with each partner's own identity provider: OIDC relying party (Nimbus OAuth2/OIDC SDK), SAML 2.0
 * service provider (OpenSAML), connections and self-service onboarding, home-realm discovery, just-in-time
 * provisioning, RFC 8693 token exchange and CIBA.
 *
 * <p>This module is reserved by the foundation build; its capabilities arrive with the federation and token
 * issues. It depends only on {@code identity-core}.
 */
package io.partnerid.federation;
