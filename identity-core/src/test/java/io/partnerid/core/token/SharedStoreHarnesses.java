package io.partnerid.core.token;

import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.JdbcOrganizationRepository;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.org.OrganizationStatusCache;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.token.StoreBackedIssuer;
import javax.sql.DataSource;

/** The issuer and a {@link SharedStoreTokenStatusResolver} over the same stores, with an outage switch. */
final class SharedStoreHarnesses {

    private SharedStoreHarnesses() {
    }

    record Parts(StoreBackedIssuer issuer, SharedStoreTokenStatusResolver resolver, Outage outage) {
    }

    static Parts inMemory(MutableClock clock) {
        InMemoryOrganizationRepository organizations = new InMemoryOrganizationRepository();
        InMemoryRevokedTokenStore revocations = new InMemoryRevokedTokenStore(1000);
        StoreBackedIssuer issuer = new StoreBackedIssuer(organizations, revocations, clock);
        Outage outage = new Outage();
        return new Parts(issuer, new SharedStoreTokenStatusResolver(outage.wrap(RevokedTokenStore.class, revocations),
                OrganizationStatusCache.builder(outage.wrap(OrganizationRepository.class, organizations),
                        issuer.runtime()).build(), issuer.runtime()), outage);
    }

    /** The issuer on one connection pool, the resource server on the same database through a switchable one. */
    static Parts jdbc(DataSource dataSource, MutableClock clock) {
        StoreBackedIssuer issuer = new StoreBackedIssuer(new JdbcOrganizationRepository(dataSource),
                new JdbcRevokedTokenStore(dataSource), clock);
        Outage outage = new Outage();
        DataSource resourceServers = outage.wrap(DataSource.class, dataSource);
        return new Parts(issuer, new SharedStoreTokenStatusResolver(new JdbcRevokedTokenStore(resourceServers),
                OrganizationStatusCache.builder(new JdbcOrganizationRepository(resourceServers), issuer.runtime())
                        .build(), issuer.runtime()), outage);
    }
}
