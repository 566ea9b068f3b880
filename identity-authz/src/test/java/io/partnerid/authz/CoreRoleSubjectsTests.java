package io.partnerid.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.policy.PolicyDocument;
import io.partnerid.authz.policy.TransactionType;
import io.partnerid.core.Actor;
import io.partnerid.core.org.Organization;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.role.UserAssignee;
import io.partnerid.core.user.User;
import io.partnerid.testkit.user.InMemoryDirectory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CoreRoleSubjectsTests {

    @Test
    void subjectWhenCoreRolesAssignedThenEngineDecidesOnThem() {
        InMemoryDirectory dir = new InMemoryDirectory();
        Organization acme = dir.root("Acme");
        Organization emea = dir.child(acme.id(), "Acme EMEA");
        User alice = dir.user(dir.pool(acme.id()).id(), "alice");
        Role clerk = dir.roles.defineRole(acme.id(), RoleService.NewRole.builder("clerk")
                .permissions(Set.of("invoice:create")).inheritable(true).build());
        Role auditor = dir.roles.defineRole(emea.id(), RoleService.NewRole.builder("auditor")
                .permissions(Set.of("invoice:read")).inheritable(true).build());
        dir.roles.assign(RoleService.NewAssignment.builder(clerk.id(), new UserAssignee(alice.id()), acme.id()).build(),
                Actor.system("test"));
        dir.roles.assign(RoleService.NewAssignment.builder(auditor.id(), new UserAssignee(alice.id()), emea.id())
                .build(),
                Actor.system("test"));

        Subject subject = CoreRoleSubjects.subject(dir.roles, alice.id(), acme.id(), List.of(emea.id()), Map.of());
        assertThat(subject.roles()).containsExactlyInAnyOrder(RoleAssignment.of("clerk"),
                RoleAssignment.at("clerk", emea.id()), RoleAssignment.at("auditor", emea.id()));

        PolicyEngine engine = PolicyEngine.create(dir.clock, PolicyDocument.builder("core")
                .resourceType("invoice", Map.of("read", TransactionType.READ, "create", TransactionType.WRITE))
                .org(PolicyDocument.org(acme.id().value()).role("clerk", "invoice:create")
                        .delegate(List.of("invoice:read"), List.of()))
                .org(PolicyDocument.org(emea.id().value()).parent(acme.id().value()).role("auditor", "invoice:read"))
                .build());
        assertThat(engine.decide(AuthorizationRequest.of(subject, "read", Resource.of("invoice", "1", emea.id())))
                .permitted()).isTrue();
        assertThat(engine.decide(AuthorizationRequest.of(subject, "read", Resource.of("invoice", "1", acme.id())))
                .permitted()).isFalse();
        assertThat(engine.decide(AuthorizationRequest.of(subject, "create", Resource.of("invoice", "1", acme.id())))
                .permitted()).isTrue();
    }
}
