package io.partnerid.core.audit;

import io.partnerid.testkit.audit.AuditLogContract;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcAuditLogPostgresTests extends AuditLogContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    private final JdbcAuditLog log = new JdbcAuditLog(DB.dataSource());

    @Override
    protected AuditLog auditLog() {
        return log;
    }
}
