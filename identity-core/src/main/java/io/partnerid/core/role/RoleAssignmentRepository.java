package io.partnerid.core.role;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.Optional;

/**
 * Durable storage of role assignments.
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships
 * {@link InMemoryRoleAssignmentRepository} (for tests and local development); JDBC implementations pass the same
 * {@code RoleAssignmentRepositoryContract} from {@code identity-testkit}. Assignments are inserted and deleted, never
 * updated; several assignments of the same role to the same assignee (for example with different validity windows)
 * may coexist. Instants are stored with at least microsecond precision. Every listing is ordered by assignment id
 * (binary order) and its cursor is the last id of the page; listings return assignments whatever their validity
 * window (expired ones too, until revoked).
 */
public interface RoleAssignmentRepository {

    /**
     * Stores a new assignment; called when a role is assigned.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the id exists
     */
    void insert(RoleAssignment assignment);

    /**
     * Removes an assignment; called when it is revoked.
     *
     * @return true when an assignment was removed, false when there was none
     */
    boolean delete(RoleAssignmentId id);

    /** Looks an assignment up; empty when it does not exist. */
    Optional<RoleAssignment> findById(RoleAssignmentId id);

    /** The assignments held by one user or group, at every organization. */
    Page<RoleAssignment> findByAssignee(Assignee assignee, PageRequest page);

    /** The assignments of one role, at every organization. */
    Page<RoleAssignment> findByRole(RoleId roleId, PageRequest page);

    /** The assignments made at one organization (not those of its ancestors or descendants). */
    Page<RoleAssignment> findByOrg(OrgId orgId, PageRequest page);

    /**
     * Removes every assignment held by one user or group; called when the user or group is removed or its access
     * is cut.
     *
     * @return the number of assignments removed
     */
    int deleteByAssignee(Assignee assignee);
}
