package io.partnerid.core.audit;

import io.partnerid.testkit.audit.AuditLogContract;

class InMemoryAuditLogTests extends AuditLogContract {

    private final InMemoryAuditLog log = new InMemoryAuditLog();

    @Override
    protected AuditLog auditLog() {
        return log;
    }
}
