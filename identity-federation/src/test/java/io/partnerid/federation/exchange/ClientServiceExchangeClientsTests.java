package io.partnerid.federation.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.client.ClientRegistration;
import io.partnerid.core.client.ClientService;
import io.partnerid.core.client.GrantTypes;
import io.partnerid.core.client.InMemoryClientRepository;
import io.partnerid.core.client.SecretHasher;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import io.partnerid.testkit.exchange.ExchangeClientsContract;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The exchange clients contract on {@link ClientServiceExchangeClients}, and how it maps a registration. */
class ClientServiceExchangeClientsTests extends ExchangeClientsContract {

    /** A transparent hasher: this test is about the adapter, not about hashing. */
    private static final SecretHasher PLAIN = new SecretHasher() {
        @Override
        public String hash(String secret) {
            return "plain:" + secret;
        }

        @Override
        public boolean verify(String secret, String encoded) {
            return encoded.equals("plain:" + secret);
        }

        @Override
        public boolean needsRehash(String encoded) {
            return false;
        }
    };

    private final InMemoryOrganizationRepository orgRepository = new InMemoryOrganizationRepository();
    private final OrganizationService orgs = new OrganizationService(orgRepository,
            TestRuntimes.on(MutableClock.standard()));
    private final ClientService clients = new ClientService(new InMemoryClientRepository(), PLAIN, orgs,
            TestRuntimes.on(MutableClock.standard()));
    private final ClientServiceExchangeClients adapter = new ClientServiceExchangeClients(clients);
    private Organization owner;

    @Override
    protected ExchangeClients clients() {
        return adapter;
    }

    @Override
    protected Registered register(boolean tokenExchangeAllowed, Set<String> scopes, Set<String> audiences) {
        if (owner == null) {
            owner = orgs.createRoot(new OrganizationService.NewOrganization("Contract"));
        }
        Set<String> grantTypes = new HashSet<>(Set.of(GrantTypes.CLIENT_CREDENTIALS));
        if (tokenExchangeAllowed) {
            grantTypes.add(GrantTypes.TOKEN_EXCHANGE);
        }
        ClientRegistration reg = clients.register(owner.id(), ClientService.NewClient.builder("Contract client")
                .grantTypes(grantTypes).scopes(scopes).audiences(audiences).build());
        return new Registered(new ExchangeClient(reg.client().id().value(), owner.id(), tokenExchangeAllowed, scopes,
                audiences), reg.plaintextSecret().orElseThrow());
    }

    @Test
    void authenticateWhenSecretRightThenAllowancesFromRegistration() {
        Organization acme = orgs.createRoot(new OrganizationService.NewOrganization("Acme"));
        ClientRegistration reg = clients.register(acme.id(), ClientService.NewClient.builder("Gateway")
                .grantTypes(Set.of(GrantTypes.TOKEN_EXCHANGE, GrantTypes.CLIENT_CREDENTIALS))
                .scopes(Set.of("orders:read")).audiences(Set.of("https://orders.acme.example")).build());
        String id = reg.client().id().value();
        String secret = reg.plaintextSecret().orElseThrow();

        ExchangeClient client = adapter.authenticate(acme.id(), ClientCredentials.of(id, secret)).orElseThrow();
        assertThat(client.tokenExchangeAllowed()).isTrue();
        assertThat(client.owner()).isEqualTo(acme.id());
        assertThat(client.allowedScopes()).containsExactly("orders:read");
        assertThat(client.allowedAudiences()).containsExactly("https://orders.acme.example");

        assertThat(adapter.authenticate(acme.id(), ClientCredentials.of(id, secret + "x"))).isEmpty();
        assertThat(adapter.authenticate(acme.id(), new ClientCredentials(id, Optional.empty()))).isEmpty();
        assertThat(adapter.authenticate(acme.id(), ClientCredentials.of("not a valid id!", secret))).isEmpty();
    }

    @Test
    void authenticateWhenRegisteredWithoutExchangeGrantThenNotAllowed() {
        Organization acme = orgs.createRoot(new OrganizationService.NewOrganization("Acme"));
        ClientRegistration reg = clients.register(acme.id(), ClientService.NewClient.builder("Batch")
                .grantTypes(Set.of(GrantTypes.CLIENT_CREDENTIALS)).scopes(Set.of("orders:read")).build());
        assertThat(adapter.authenticate(acme.id(), ClientCredentials.of(reg.client().id().value(),
                reg.plaintextSecret().orElseThrow())).orElseThrow().tokenExchangeAllowed()).isFalse();
    }

    @Test
    @DisplayName("R5: a client of organization B does not authenticate at organization A's exchange")
    void authenticateWhenClientOfAnotherOrganizationThenEmpty() {
        Organization acme = orgs.createRoot(new OrganizationService.NewOrganization("Acme"));
        Organization globex = orgs.createRoot(new OrganizationService.NewOrganization("Globex"));
        ClientRegistration reg = clients.register(globex.id(), ClientService.NewClient.builder("Globex gateway")
                .grantTypes(Set.of(GrantTypes.TOKEN_EXCHANGE)).scopes(Set.of("orders:read")).build());
        ClientCredentials credentials = ClientCredentials.of(reg.client().id().value(),
                reg.plaintextSecret().orElseThrow());

        assertThat(adapter.authenticate(globex.id(), credentials)).isPresent();
        assertThat(adapter.authenticate(acme.id(), credentials)).isEmpty();
    }
}
