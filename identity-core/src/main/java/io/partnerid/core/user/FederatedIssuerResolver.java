package io.partnerid.core.user;

import io.partnerid.core.org.OrgId;

/**
 * Tells which external identity providers (issuers) are registered to an organization, so that a user of that
 * organization may be linked to an identity they assert.
 *
 * <p>Implementations must be thread-safe; the SDK only reads through this interface. Federation implements it from
 * an organization's identity-provider connections and the trusted issuers of its exchange policy; the SDK ships
 * {@link InMemoryFederatedIssuerResolver} (for tests and local development) and {@link #none()} (nothing is
 * registered: every link is refused). Registration is per organization: a tenant registering an issuer string says
 * nothing about any other tenant, and {@link UserService#link} keys the link by the user's tenant, so one tenant can
 * neither take nor shadow another tenant's link (catalogue row R2).
 *
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#ClaimStability">OIDC Core §5.7</a>
 */
@FunctionalInterface
public interface FederatedIssuerResolver {

    /**
     * Whether {@code issuer} is registered to exactly {@code org} (not to its ancestors: the caller walks the path).
     *
     * <p>Called by {@link UserService#link} for the user's home organization and then each of its ancestors up to the
     * tenant root, stopping at the first {@code true}. The issuer is compared exactly (case-sensitive, no
     * normalization), as the link key is. Absence (an unknown organization or issuer) is {@code false}: linking is
     * refused ({@code user.federated_issuer_not_registered}). A failure to answer should throw; the link is then not
     * made. Called on administration paths only, never per login.
     *
     * @param org the organization asked about
     * @param issuer the issuer identifier (OIDC {@code iss}, SAML IdP entity id)
     * @return true when the organization registered the issuer
     */
    boolean isRegistered(OrgId org, String issuer);

    /** A resolver for which no issuer is registered anywhere: every link is refused (fail closed). Thread-safe. */
    static FederatedIssuerResolver none() {
        return (org, issuer) -> false;
    }
}
