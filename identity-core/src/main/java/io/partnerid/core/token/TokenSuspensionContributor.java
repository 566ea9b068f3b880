package io.partnerid.core.token;

import io.partnerid.core.IdentityException;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.governance.SuspensionContext;
import io.partnerid.core.governance.SuspensionContributor;
import io.partnerid.core.governance.SuspensionReport;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationRepository;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The kill switch's {@code tokens} section: revokes every recorded, unexpired token of the suspended organizations
 * and reports how many.
 *
 * <p>Thread-safe. Tokens of a suspended organization already fail verification through the organization status
 * check; revoking them as well keeps them dead after the organization is resumed.
 */
public final class TokenSuspensionContributor implements SuspensionContributor {

    /** The report section name. */
    public static final String NAME = "tokens";

    private final RevokedTokenStore revocations;
    private final OrganizationRepository organizations;
    private final AuditPublisher audit;

    public TokenSuspensionContributor(RevokedTokenStore revocations, OrganizationRepository organizations,
                                      AuditPublisher audit) {
        this.revocations = Objects.requireNonNull(revocations, "revocations");
        this.organizations = Objects.requireNonNull(organizations, "organizations");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SuspensionReport.Section suspend(SuspensionContext context) {
        try {
            List<String> revoked = revocations.revokeAllOf(new LinkedHashSet<>(context.organizations()),
                    context.at());
            OrgId tenant = organizations.findById(context.root()).map(Organization::tenant).orElse(context.root());
            audit.publish(new TokenRevokedEvent(context.at(), tenant, Optional.of(context.root()), context.actor(),
                    revoked.size(), "org.suspended"));
            return SuspensionReport.Section.of(NAME, revoked);
        } catch (IdentityException e) {
            return SuspensionReport.Section.failed(NAME, "Token revocation failed; tokens of suspended "
                    + "organizations are still refused by the status check.");
        }
    }
}
