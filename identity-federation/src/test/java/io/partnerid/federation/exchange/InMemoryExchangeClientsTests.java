package io.partnerid.federation.exchange;

import io.partnerid.core.org.OrgId;
import io.partnerid.testkit.exchange.ExchangeClientsContract;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** The exchange clients contract on {@link InMemoryExchangeClients}. */
class InMemoryExchangeClientsTests extends ExchangeClientsContract {

    private static final OrgId ACME = OrgId.of("acme");

    private final InMemoryExchangeClients clients = new InMemoryExchangeClients();
    private final AtomicInteger next = new AtomicInteger();

    @Override
    protected ExchangeClients clients() {
        return clients;
    }

    @Override
    protected Registered register(boolean tokenExchangeAllowed, Set<String> scopes, Set<String> audiences) {
        ExchangeClient client = new ExchangeClient("client-" + next.incrementAndGet(), ACME, tokenExchangeAllowed,
                scopes, audiences);
        String secret = "s3cret-" + UUID.randomUUID();
        clients.register(client, secret);
        return new Registered(client, secret);
    }
}
