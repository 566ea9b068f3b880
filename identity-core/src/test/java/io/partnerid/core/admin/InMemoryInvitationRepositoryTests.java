package io.partnerid.core.admin;

import io.partnerid.testkit.admin.InvitationRepositoryContract;

/** Runs the shared {@code InvitationRepositoryContract} against {@link InMemoryInvitationRepository}. */
class InMemoryInvitationRepositoryTests extends InvitationRepositoryContract {

    private final InvitationRepository repository = new InMemoryInvitationRepository();

    @Override
    protected InvitationRepository repository() {
        return repository;
    }
}
