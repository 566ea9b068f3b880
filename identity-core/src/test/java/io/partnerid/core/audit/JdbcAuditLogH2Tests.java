package io.partnerid.core.audit;

import io.partnerid.testkit.audit.AuditLogContract;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcAuditLogH2Tests extends AuditLogContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    private final JdbcAuditLog log = new JdbcAuditLog(DB.dataSource());

    @Override
    protected AuditLog auditLog() {
        return log;
    }
}
