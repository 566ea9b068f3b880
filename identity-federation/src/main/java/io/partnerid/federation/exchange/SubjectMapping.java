package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import io.partnerid.core.token.ForeignSubject;
import io.partnerid.core.token.JwtClaims;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Step "map the subject" (R1): a partner's subject becomes a {@link ForeignSubject} (never equal to, and never with
 * the rights of, a native subject), with its original issuer and {@code sub}; our token that already carries a
 * foreign subject keeps it (a re-exchange does not launder it). A partner's {@code acr}/{@code amr} are carried only
 * when the policy trusts that issuer for them; ours flow as issued. Roles and pool are carried only within the
 * subject's own organization; a subject of another organization is named in {@code sub_org}.
 *
 * <p>Stateless and thread-safe.
 */
final class SubjectMapping {

    /**
     * The subject of the issued token.
     *
     * @param subject the issued {@code sub}
     * @param originIssuer the partner issuer of a foreign subject ({@code sub_iss})
     * @param originSubject the partner's original {@code sub} ({@code sub_ext})
     * @param acr the carried {@code acr}
     * @param amr the carried {@code amr}
     * @param roles the carried roles (subject of this organization only)
     * @param pool the carried user pool (subject of this organization only)
     * @param subjectOrg the subject's organization, when it differs from the issuing one ({@code sub_org})
     */
    record MappedSubject(String subject, Optional<String> originIssuer, Optional<String> originSubject,
                         Optional<String> acr, List<String> amr, Set<String> roles, Optional<String> pool,
                         Optional<OrgId> subjectOrg) {
        MappedSubject {
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(originIssuer, "originIssuer");
            Objects.requireNonNull(originSubject, "originSubject");
            Objects.requireNonNull(acr, "acr");
            amr = List.copyOf(amr);
            roles = Set.copyOf(roles);
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(subjectOrg, "subjectOrg");
        }
    }

    /**
     * The subject of the token issued at {@code org}; refuses {@code exchange.subject_token_invalid} when there is no
     * subject to name (an empty issuer, or a subject that is not well-formed UTF-16).
     */
    StepOutcome<MappedSubject> map(ValidatedToken subject, OrgId org) {
        JwtClaims claims = subject.claims();
        String rawSubject = claims.subject().orElseThrow();
        String sub;
        Optional<String> originIssuer;
        Optional<String> originSubject;
        try {
            if (!subject.ours()) {
                sub = ForeignSubject.of(subject.issuer(), rawSubject).value();
                originIssuer = Optional.of(subject.issuer());
                originSubject = Optional.of(rawSubject);
            } else {
                // a foreign sub stays as it is; one exchanged before namespacing (sub_iss, plain sub) is namespaced
                Optional<String> principal = ForeignSubject.principalId(claims);
                if (principal.isEmpty()) {
                    return invalid();
                }
                sub = principal.get();
                originIssuer = claims.string(TokenExchangeService.SUBJECT_ISSUER_CLAIM);
                originSubject = ForeignSubject.isForeign(rawSubject)
                        ? claims.string(TokenExchangeService.EXTERNAL_SUBJECT_CLAIM)
                        : originIssuer.map(i -> rawSubject);
            }
        } catch (IllegalArgumentException e) {
            return invalid();
        }
        Optional<String> acr = Optional.empty();
        List<String> amr = List.of();
        if (subject.ours() || subject.trusted().map(TrustedIssuer::trustAuthenticationContext).orElse(false)) {
            acr = claims.string("acr");
            amr = claims.strings("amr");
        }
        Set<String> roles = Set.of();
        Optional<String> pool = Optional.empty();
        Optional<OrgId> subjectOrg = Optional.empty();
        if (subject.ours()) {
            Optional<OrgId> tokenOrg = claims.orgId();
            if (tokenOrg.isPresent() && tokenOrg.get().equals(org)) {
                roles = claims.roles();
                pool = claims.string(JwtClaims.ORG_POOL);
            } else {
                subjectOrg = tokenOrg;
            }
        }
        return StepOutcome.pass(new MappedSubject(sub, originIssuer, originSubject, acr, amr, roles, pool,
                subjectOrg));
    }

    private static StepOutcome<MappedSubject> invalid() {
        return StepOutcome.refuse(ExchangeErrors.SUBJECT_TOKEN_INVALID, "The subject token is invalid.");
    }
}
