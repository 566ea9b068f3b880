package io.partnerid.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.Actor;
import io.partnerid.core.CoreStores;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.audit.ChainVerification;
import io.partnerid.core.audit.SynchronousAuditPublisher;
import io.partnerid.core.domain.JndiDnsTxtResolver;
import io.partnerid.core.jdbc.PartnerIdSchema;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.token.PrivateKeyProtector;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The code of docs/persistence.md, run on an in-memory H2 database in PostgreSQL mode. */
class PersistenceGuideTests {

    @Test
    void wiringWhenFollowedThenTheCoreRunsOnTheDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:guide-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        DataSource dataSource = h2;
        IdentityRuntime runtime = TestRuntimes.on(MutableClock.standard());
        SecretKey keyEncryptionKey = new SecretKeySpec(runtime.randomBytes(32), "AES"); // from your KMS in production

        // tag::wiring[]
        PartnerIdSchema.migrate(dataSource); // identity-core's tables; a no-op when they are up to date
        CoreStores stores = CoreStores.jdbc(dataSource);
        IdentityCore core = IdentityCore.builder()
                .stores(stores)
                .runtime(runtime)
                .auditPublisher(new SynchronousAuditPublisher(stores.auditLog()))
                .dnsResolver(JndiDnsTxtResolver.builder().build())
                .tokens("https://id.example.com", PrivateKeyProtector.aesGcm(keyEncryptionKey, runtime.random()))
                .build();
        Organization acme = core.admin().organizations().createRoot(Actor.system("bootstrap"),
                new NewOrganization("Acme Capital"));
        // end::wiring[]

        assertThat(CoreStores.jdbc(dataSource).organizations().findById(acme.id())).contains(acme);
        assertThat(PartnerIdSchema.migrate(dataSource).applied()).isZero();
        assertThat(core.auditVerifier().verify(acme.tenant())).isInstanceOf(ChainVerification.Intact.class);
    }
}
