package io.partnerid.core.user;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Objects;

/**
 * A link between an identity at an external identity provider, named by ({@code issuer}, {@code subject}), and a
 * local user, within one tenant.
 *
 * <p>Immutable and thread-safe. The key is (tenant, issuer, subject): the pair (issuer, subject) is unique within a
 * tenant (the root organization of the user's tree) and compared exactly (case-sensitive, no normalization), as
 * OpenID Connect Core §5.7 prescribes ("the sub and iss Claims, used together, are the only Claims that an RP can
 * rely upon as a stable identifier"). Two tenants may each link the same pair to a user of their own; neither sees
 * or blocks the other's link (catalogue row R2). E-mail addresses are never a key (catalogue row M1, "nOAuth"). For
 * Microsoft Entra ID, pass the tenant-specific issuer and the {@code oid}/{@code sub} of that tenant.
 *
 * @param tenant the root organization of the user's tree when the link was made: the scope of the key
 * @param issuer the issuer identifier (OIDC {@code iss}, SAML IdP entity id), 1 to 512 characters, no control
 *     characters
 * @param subject the subject at that issuer (OIDC {@code sub}, SAML persistent NameID), 1 to 512 characters, no
 *     control characters
 * @param userId the linked local user
 * @param poolId the user's pool
 * @param orgId the user's home organization
 * @param linkedAt when the link was made
 * @see <a href="https://openid.net/specs/openid-connect-core-1_0.html#ClaimStability">OIDC Core §5.7</a>
 */
public record FederatedIdentity(OrgId tenant, String issuer, String subject, UserId userId, PoolId poolId,
                                OrgId orgId, Instant linkedAt) {

    public FederatedIdentity {
        Objects.requireNonNull(tenant, "tenant");
        checkKeyPart(issuer, "issuer");
        checkKeyPart(subject, "subject");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(linkedAt, "linkedAt");
    }

    /**
     * Validates one half of the (issuer, subject) key.
     *
     * @throws IllegalArgumentException when it is empty, longer than 512 characters or holds a control character
     */
    public static void checkKeyPart(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > 512) {
            throw new IllegalArgumentException(what + " must have 1 to 512 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(what + " must not contain control characters");
            }
        }
    }
}
