package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.client.ClientApplication;
import io.partnerid.core.client.ClientId;
import io.partnerid.core.client.ClientRegistration;
import io.partnerid.core.client.ClientService;
import io.partnerid.core.org.OrgId;

/**
 * Client applications on an actor's authority; needs {@link AdminCapability#MANAGE_CLIENTS} over the owning
 * organization. Audited like every administrative write; secrets are never part of an audit record.
 *
 * <p>Thread-safe; all state lives in the repositories. Obtained from {@link DelegatedAdministration#clients()}.
 *
 * <pre>{@code
 * ClientRegistration registered = core.admin().clients().register(partnerAdmin, partner.id(),
 *         NewClient.builder("Trading desk").grantTypes(Set.of(GrantTypes.CLIENT_CREDENTIALS)).build());
 * String secret = registered.plaintextSecret().orElseThrow();   // shown once
 * }</pre>
 */
public final class ClientAdmin {

    private final Guard guard;
    private final ClientService clients;

    ClientAdmin(Guard guard, ClientService clients) {
        this.guard = guard;
        this.clients = clients;
    }

    /** Registers an application; needs {@code MANAGE_CLIENTS}. The secret is in the result, once. */
    public ClientRegistration register(Actor actor, OrgId orgId, ClientService.NewClient request) {
        return guard.perform(actor, "client.register", orgId, AdminCapability.MANAGE_CLIENTS, request.name(),
                o -> clients.register(orgId, request));
    }

    /** Rotates an application's secret; needs {@code MANAGE_CLIENTS} over its organization. */
    public ClientRegistration rotateSecret(Actor actor, ClientId clientId) {
        ClientApplication client = clients.findClient(clientId)
                .orElseThrow(() -> guard.refusedUnknown(actor, "client.rotate_secret", null));
        return guard.perform(actor, "client.rotate_secret", client.orgId(), AdminCapability.MANAGE_CLIENTS,
                clientId.value(), o -> clients.rotateSecret(clientId));
    }
}
