package io.partnerid.core.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.Organization;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserErrors;
import io.partnerid.core.user.UserId;
import io.partnerid.testkit.user.InMemoryDirectory;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GroupServiceTests {

    private InMemoryDirectory dir;
    private GroupService groups;
    private Organization acme;
    private Organization globex;
    private User alice;

    @BeforeEach
    void setUp() {
        dir = new InMemoryDirectory();
        groups = dir.groups;
        acme = dir.root("Acme");
        globex = dir.root("Globex");
        alice = dir.user(dir.pool(acme.id()).id(), "alice");
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    private Group group(String name, Optional<Group> parent) {
        return groups.createGroup(acme.id(), name, parent.map(Group::id));
    }

    @Test
    void createGroupWhenParentInAnotherOrganizationThenCrossOrg() {
        Group foreign = groups.createGroup(globex.id(), "Foreign", Optional.empty());
        assertCode(() -> groups.createGroup(acme.id(), "Child", Optional.of(foreign.id())), GroupErrors.CROSS_ORG);
    }

    @Test
    void createGroupWhenParentUnknownOrNameBlankOrOrgSuspendedThenRefused() {
        assertCode(() -> groups.createGroup(acme.id(), "x", Optional.of(GroupId.of("nope"))), GroupErrors.NOT_FOUND);
        assertCode(() -> groups.createGroup(acme.id(), " ", Optional.empty()), GroupErrors.INVALID_REQUEST);
        dir.suspend(acme.id());
        assertCode(() -> groups.createGroup(acme.id(), "x", Optional.empty()), OrgErrors.SUSPENDED);
    }

    @Test
    void moveGroupWhenNewParentIsItselfOrADescendantThenCycle() {
        Group top = group("Top", Optional.empty());
        Group mid = group("Mid", Optional.of(top));
        Group leaf = group("Leaf", Optional.of(mid));
        assertCode(() -> groups.moveGroup(top.id(), Optional.of(leaf.id())), GroupErrors.CYCLE);
        assertCode(() -> groups.moveGroup(top.id(), Optional.of(mid.id())), GroupErrors.CYCLE);
        assertCode(() -> groups.moveGroup(mid.id(), Optional.of(mid.id())), GroupErrors.CYCLE);
        assertThat(groups.requireGroup(top.id()).parent()).isEmpty();
    }

    @Test
    void moveGroupWhenValidThenAncestryFollowsAndTopLevelAllowed() {
        Group a = group("A", Optional.empty());
        Group b = group("B", Optional.empty());
        Group c = group("C", Optional.of(a));
        Group moved = groups.moveGroup(c.id(), Optional.of(b.id()));
        assertThat(moved.parent()).contains(b.id());
        assertThat(groups.ancestors(c.id())).extracting(Group::id).containsExactly(b.id());
        assertThat(groups.children(a.id(), PageRequest.first(10)).items()).isEmpty();
        assertThat(groups.moveGroup(c.id(), Optional.empty()).parent()).isEmpty();
        // The former descendant relation is gone, so the old cycle check no longer applies.
        assertThat(groups.moveGroup(b.id(), Optional.of(c.id())).parent()).contains(c.id());
    }

    @Test
    void moveGroupWhenParentInAnotherOrganizationThenCrossOrg() {
        Group a = group("A", Optional.empty());
        Group foreign = groups.createGroup(globex.id(), "Foreign", Optional.empty());
        assertCode(() -> groups.moveGroup(a.id(), Optional.of(foreign.id())), GroupErrors.CROSS_ORG);
    }

    @Test
    void effectiveGroupsWhenMemberOfNestedGroupThenAllAncestorsButNoSiblings() {
        Group top = group("Top", Optional.empty());
        Group mid = group("Mid", Optional.of(top));
        Group leaf = group("Leaf", Optional.of(mid));
        Group sibling = group("Sibling", Optional.of(top));
        Group unrelated = group("Unrelated", Optional.empty());
        assertThat(groups.addMember(leaf.id(), alice.id())).isTrue();
        assertThat(groups.effectiveGroups(alice.id())).containsExactlyInAnyOrder(leaf.id(), mid.id(), top.id())
                .doesNotContain(sibling.id(), unrelated.id());
        groups.moveGroup(mid.id(), Optional.of(unrelated.id()));
        assertThat(groups.effectiveGroups(alice.id())).containsExactlyInAnyOrder(leaf.id(), mid.id(),
                unrelated.id());
        assertThat(groups.effectiveGroups(UserId.of("nobody"))).isEmpty();
    }

    @Test
    void addMemberWhenRepeatedThenFalseAndRemoveMemberEndsIt() {
        Group g = group("G", Optional.empty());
        assertThat(groups.addMember(g.id(), alice.id())).isTrue();
        assertThat(groups.addMember(g.id(), alice.id())).isFalse();
        assertThat(Page.all(p -> groups.members(g.id(), p), 5)).extracting(GroupMembership::userId)
                .containsExactly(alice.id());
        assertThat(groups.directGroups(alice.id(), PageRequest.first(5)).items()).hasSize(1);
        assertThat(groups.removeMember(g.id(), alice.id())).isTrue();
        assertThat(groups.removeMember(g.id(), alice.id())).isFalse();
        assertThat(groups.effectiveGroups(alice.id())).isEmpty();
    }

    @Test
    void addMemberWhenUserOfAnotherPartnerThenNotAffiliatedUnlessExplicitMember() {
        Group foreign = groups.createGroup(globex.id(), "Globex traders", Optional.empty());
        assertCode(() -> groups.addMember(foreign.id(), alice.id()), GroupErrors.MEMBER_NOT_AFFILIATED);
        dir.users.addMembership(alice.id(), globex.id());
        assertThat(groups.addMember(foreign.id(), alice.id())).isTrue();
    }

    @Test
    void addMemberWhenUserUnknownOrOrganizationSuspendedThenRefused() {
        Group g = group("G", Optional.empty());
        assertCode(() -> groups.addMember(g.id(), UserId.of("nope")), UserErrors.NOT_FOUND);
        dir.suspend(acme.id());
        assertCode(() -> groups.addMember(g.id(), alice.id()), OrgErrors.SUSPENDED);
    }

    @Test
    void renameGroupWhenValidThenStoredAndWhenBlankThenInvalidRequest() {
        Group g = group("G", Optional.empty());
        assertThat(groups.renameGroup(g.id(), "Traders").name()).isEqualTo("Traders");
        assertCode(() -> groups.renameGroup(g.id(), ""), GroupErrors.INVALID_REQUEST);
        assertCode(() -> groups.renameGroup(GroupId.of("nope"), "x"), GroupErrors.NOT_FOUND);
    }

    @Test
    void groupsWhenListedThenEveryLevelOfThatOrganizationOnly() {
        Group top = group("Top", Optional.empty());
        Group mid = group("Mid", Optional.of(top));
        groups.createGroup(globex.id(), "Foreign", Optional.empty());
        assertThat(Page.all(p -> groups.groups(acme.id(), p), 1)).containsExactlyInAnyOrder(top, mid);
    }
}
