package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrganizationStatusCache;
import java.util.Objects;
import java.util.Optional;

/**
 * Step "resolve policy" (T7): the organization is active (read through the node's
 * {@link OrganizationStatusCache}, so a suspension on any node is honoured within its bound), it has an exchange
 * policy, and the policy and the client's registration both allow this client to exchange here.
 *
 * <p>Thread-safe when the repository is; one instance serves every request.
 */
final class PolicyResolution {

    private final OrganizationStatusCache organizationStatus;
    private final ExchangePolicyRepository policies;

    PolicyResolution(OrganizationStatusCache organizationStatus, ExchangePolicyRepository policies) {
        this.organizationStatus = Objects.requireNonNull(organizationStatus, "organizationStatus");
        this.policies = Objects.requireNonNull(policies, "policies");
    }

    /**
     * The policy under which {@code client} exchanges at {@code org}; refuses {@code exchange.client_not_allowed}
     * (the same answer for a suspended or unknown organization, one without a policy, and a client not allowed).
     */
    StepOutcome<ExchangePolicy> resolve(OrgId org, ExchangeClient client) {
        // T7 RFC 6749 §5.2: "unauthorized_client: the authenticated client is not authorized to use this grant"
        if (!client.tokenExchangeAllowed() || !organizationStatus.isActive(org)) {
            return notAllowed();
        }
        Optional<ExchangePolicy> policy = policies.find(org);
        if (policy.isEmpty() || !policy.get().allowedClients().contains(client.clientId())) {
            return notAllowed();
        }
        return StepOutcome.pass(policy.get());
    }

    private static StepOutcome<ExchangePolicy> notAllowed() {
        return StepOutcome.refuse(ExchangeErrors.CLIENT_NOT_ALLOWED, "The client may not exchange tokens here.");
    }
}
