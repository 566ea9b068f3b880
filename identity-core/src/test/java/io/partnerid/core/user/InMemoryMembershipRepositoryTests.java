package io.partnerid.core.user;

import io.partnerid.testkit.user.MembershipRepositoryContract;

/** Runs the shared {@code MembershipRepositoryContract} against {@link InMemoryMembershipRepository}. */
class InMemoryMembershipRepositoryTests extends MembershipRepositoryContract {

    @Override
    protected MembershipRepository repository() {
        return new InMemoryMembershipRepository();
    }
}
