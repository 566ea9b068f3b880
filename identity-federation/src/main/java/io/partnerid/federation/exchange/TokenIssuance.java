package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import io.partnerid.core.token.AccessTokenRequest;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.IssuedToken;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Step "issue": mints the new access token with what the earlier steps granted, through the organization's
 * {@link AccessTokenService} (which records it for revocation and refuses a suspended organization). No refresh token
 * is ever issued by an exchange (RFC 8693 §2.2.1).
 *
 * <p>Thread-safe; one instance serves every request.
 */
final class TokenIssuance {

    /**
     * What the checks granted: everything the issued token carries.
     *
     * @param org the issuing organization
     * @param clientId the exchanging client
     * @param subject the mapped subject
     * @param delegation the {@code act} chain and exchange count
     * @param audience the audience
     * @param scopes the scopes
     * @param lifetime the lifetime
     * @param issuedType the issued token type
     */
    record ExchangeGrant(OrgId org, String clientId, SubjectMapping.MappedSubject subject,
                         DelegationCheck.Delegation delegation, List<String> audience, Set<String> scopes,
                         Duration lifetime, TokenType issuedType) {
        ExchangeGrant {
            Objects.requireNonNull(org, "org");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(delegation, "delegation");
            audience = List.copyOf(audience);
            Objects.requireNonNull(scopes, "scopes");
            Objects.requireNonNull(lifetime, "lifetime");
            Objects.requireNonNull(issuedType, "issuedType");
        }
    }

    private final AccessTokenService tokens;

    TokenIssuance(AccessTokenService tokens) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** Issues the token; an {@link io.partnerid.core.IdentityException} from the token service propagates. */
    ExchangeOutcome.Issued issue(ExchangeGrant grant) {
        SubjectMapping.MappedSubject s = grant.subject();
        AccessTokenRequest.Builder request = AccessTokenRequest.builder(grant.org(), s.subject(), grant.clientId())
                .audience(grant.audience()).scopes(grant.scopes()).lifetime(grant.lifetime())
                .act(grant.delegation().act())
                .claim(TokenExchangeService.EXCHANGE_COUNT_CLAIM, grant.delegation().exchangeCount());
        s.originIssuer().ifPresent(i -> request.claim(TokenExchangeService.SUBJECT_ISSUER_CLAIM, i));
        s.originSubject().ifPresent(o -> request.claim(TokenExchangeService.EXTERNAL_SUBJECT_CLAIM, o));
        s.acr().ifPresent(request::acr);
        if (!s.amr().isEmpty()) {
            request.amr(s.amr());
        }
        if (!s.roles().isEmpty()) {
            request.roles(s.roles());
        }
        s.pool().ifPresent(request::pool);
        s.subjectOrg().ifPresent(o -> request.claim(TokenExchangeService.SUBJECT_ORG_CLAIM, o.value()));
        IssuedToken token = tokens.issue(request.build());
        return new ExchangeOutcome.Issued(token.value(), grant.issuedType(), token.expiresInSeconds(), grant.scopes(),
                token.jwtId(), grant.delegation().act().isPresent());
    }
}
