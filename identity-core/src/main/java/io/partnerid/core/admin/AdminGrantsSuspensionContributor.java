package io.partnerid.core.admin;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.governance.SuspensionContext;
import io.partnerid.core.governance.SuspensionContributor;
import io.partnerid.core.governance.SuspensionReport;
import io.partnerid.core.org.OrgId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reports the admin grants that a suspension made inert: every grant scoped to a suspended organization confers
 * nothing until the organization is resumed (the grants themselves are kept, so resuming restores them).
 *
 * <p>Thread-safe; stateless beyond its repository. {@link io.partnerid.core.IdentityCore} registers it first.
 */
public final class AdminGrantsSuspensionContributor implements SuspensionContributor {

    private final AdminGrantRepository grants;

    public AdminGrantsSuspensionContributor(AdminGrantRepository grants) {
        this.grants = Objects.requireNonNull(grants, "grants");
    }

    @Override
    public String name() {
        return "admin-grants";
    }

    @Override
    public SuspensionReport.Section suspend(SuspensionContext context) {
        List<String> inert = new ArrayList<>();
        for (OrgId org : context.organizations()) {
            for (AdminGrant grant : Page.all(p -> grants.findByScope(org, p), PageRequest.MAX_LIMIT)) {
                inert.add(grant.id().value());
            }
        }
        return SuspensionReport.Section.of(name(), inert);
    }
}
