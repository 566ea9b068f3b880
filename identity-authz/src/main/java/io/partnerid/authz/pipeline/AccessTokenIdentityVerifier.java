package io.partnerid.authz.pipeline;

import io.partnerid.authz.RoleAssignment;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.token.AccessTokenService;
import io.partnerid.core.token.ForeignSubject;
import io.partnerid.core.token.JwtClaims;
import io.partnerid.core.token.TokenVerification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The pipeline's identity step over the SDK's own access tokens: verifies an RFC 9068 token with
 * {@link AccessTokenService} (signature on the pinned key, {@code typ}, issuer, audience, lifetime, revocation and the
 * organization's status) and turns its claims into a {@link VerifiedPrincipal}.
 *
 * <p>Immutable and thread-safe. The principal's organization is the token's organization claim, its roles the
 * token's roles (each applying at that organization and, as the policy says, below it), its acr the token's; the
 * token's scopes, amr and client id become the attributes {@code scopes}, {@code amr} and {@code client_id}. A token
 * without an organization claim is refused: every decision is organization-scoped.
 *
 * <p>A token whose subject is a partner's (a {@link ForeignSubject}, as token exchange issues it, or a token naming
 * an original issuer in {@code sub_iss}) gives a {@link VerifiedPrincipal.SubjectKind#FOREIGN} principal whose id is
 * the namespaced subject, never the partner's raw {@code sub}: it cannot match an ownership condition, a grant or a
 * role assignment of a native subject. The attribute {@code foreign} ({@code true}/{@code false}) lets conditions
 * tell the kinds apart; a foreign principal also has {@code sub_iss} and {@code sub_ext} (its original issuer and
 * subject) when the token carries them.
 *
 * <pre>{@code
 * IdentityVerifier identity = new AccessTokenIdentityVerifier(tokens, Set.of("https://api.example.com"));
 * }</pre>
 */
public final class AccessTokenIdentityVerifier implements IdentityVerifier {

    private final AccessTokenService tokens;
    private final Set<String> audiences;

    /**
     * @param tokens the access token service that issued the tokens
     * @param audiences the audiences this resource server answers to (at least one)
     */
    public AccessTokenIdentityVerifier(AccessTokenService tokens, Set<String> audiences) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.audiences = Set.copyOf(audiences);
        if (this.audiences.isEmpty()) {
            throw new IllegalArgumentException("at least one audience");
        }
    }

    @Override
    public Outcome verify(String credential) {
        Objects.requireNonNull(credential, "credential");
        TokenVerification verification = tokens.verify(credential, audiences);
        if (verification instanceof TokenVerification.Rejected rejected) {
            return new Refused("token rejected: " + rejected.reason());
        }
        JwtClaims claims = ((TokenVerification.Verified) verification).claims();
        Optional<OrgId> org = claims.orgId();
        // R1: a partner's subject is namespaced (also in tokens exchanged before namespacing), never a native id
        Optional<String> subject = ForeignSubject.principalId(claims);
        boolean foreign = ForeignSubject.isForeign(claims);
        if (org.isEmpty() || subject.isEmpty()) {
            return new Refused("token has no organization or usable subject claim");
        }
        List<RoleAssignment> roles = new ArrayList<>();
        for (String role : claims.roles()) {
            roles.add(RoleAssignment.of(role));
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("scopes", List.copyOf(claims.scopes()));
        attributes.put("amr", claims.strings("amr"));
        claims.string("client_id").ifPresent(c -> attributes.put("client_id", c));
        attributes.put("foreign", foreign);
        if (foreign) {
            claims.string(ForeignSubject.ISSUER_CLAIM).ifPresent(i -> attributes.put(ForeignSubject.ISSUER_CLAIM, i));
            // a token exchanged before namespacing carries the partner's subject as its sub
            claims.string(ForeignSubject.SUBJECT_CLAIM)
                    .or(() -> claims.subject().filter(s -> !ForeignSubject.isForeign(s)))
                    .ifPresent(s -> attributes.put(ForeignSubject.SUBJECT_CLAIM, s));
        }
        return new Verified(new VerifiedPrincipal(subject.get(), org.get(), roles, attributes, claims.string("acr"),
                foreign ? VerifiedPrincipal.SubjectKind.FOREIGN : VerifiedPrincipal.SubjectKind.NATIVE));
    }
}
