package io.partnerid.core.admin;

import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.RoleId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's request for a role at an organization, optionally time-bound. Immutable and thread-safe.
 *
 * <pre>{@code
 * NewAccessRequest request = NewAccessRequest.builder(desk.id(), trader.id(), "covering for Bob")
 *         .accessUntil(now.plus(Duration.ofDays(14)))
 *         .build();
 * core.admin().accessRequests().submit(Actor.user(carol.id().value()), request);
 * }</pre>
 */
public final class NewAccessRequest {

    private final OrgId orgId;
    private final RoleId roleId;
    private final String justification;
    private final Optional<Instant> accessUntil;

    private NewAccessRequest(Builder b) {
        this.orgId = b.orgId;
        this.roleId = b.roleId;
        this.justification = b.justification;
        this.accessUntil = Optional.ofNullable(b.accessUntil);
    }

    /**
     * Starts a request.
     *
     * @param orgId the organization where the role would apply
     * @param roleId the role
     * @param justification why
     */
    public static Builder builder(OrgId orgId, RoleId roleId, String justification) {
        return new Builder(orgId, roleId, justification);
    }

    /** The organization where the role would apply. */
    public OrgId orgId() {
        return orgId;
    }

    /** The role asked for. */
    public RoleId roleId() {
        return roleId;
    }

    /** Why. */
    public String justification() {
        return justification;
    }

    /** The end of the access asked for, if time-bound. */
    public Optional<Instant> accessUntil() {
        return accessUntil;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewAccessRequest r && orgId.equals(r.orgId) && roleId.equals(r.roleId)
                && justification.equals(r.justification) && accessUntil.equals(r.accessUntil);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orgId, roleId, justification, accessUntil);
    }

    @Override
    public String toString() {
        return "NewAccessRequest[orgId=" + orgId + ", roleId=" + roleId + ", accessUntil=" + accessUntil + "]";
    }

    /**
     * Builds a {@link NewAccessRequest}.
     *
     * <p>Not thread-safe; use one per request.
     */
    public static final class Builder {
        private final OrgId orgId;
        private final RoleId roleId;
        private final String justification;
        private Instant accessUntil;

        private Builder(OrgId orgId, RoleId roleId, String justification) {
            this.orgId = Objects.requireNonNull(orgId, "orgId");
            this.roleId = Objects.requireNonNull(roleId, "roleId");
            this.justification = Objects.requireNonNull(justification, "justification");
        }

        /** Optional: the end of the access asked for; without it the access is not time-bound. */
        public Builder accessUntil(Instant until) {
            this.accessUntil = Objects.requireNonNull(until, "until");
            return this;
        }

        /** Builds the request. */
        public NewAccessRequest build() {
            return new NewAccessRequest(this);
        }
    }
}
