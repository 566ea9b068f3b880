package io.partnerid.core.audit;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A test-only {@link AuditLog} that serves whatever records a test put in its list, in list order, so that tests can
 * tamper with "storage" behind the verifier's back. The production log has no mutation methods.
 */
final class ListAuditLog implements AuditLog {

    final List<AuditRecord> records;

    ListAuditLog(List<AuditRecord> records) {
        this.records = new ArrayList<>(records);
    }

    @Override
    public AuditRecord append(AuditEntry entry) {
        throw new UnsupportedOperationException("read-only test log");
    }

    @Override
    public Page<AuditRecord> read(OrgId tenant, PageRequest page) {
        // Cursor = list position here, so that tampered sequence numbers do not disturb paging itself.
        int from = page.after().map(Integer::parseInt).orElse(0);
        List<AuditRecord> mine = records.stream().filter(r -> r.tenant().equals(tenant)).toList();
        int to = Math.min(mine.size(), from + page.limit());
        List<AuditRecord> items = mine.subList(Math.min(from, mine.size()), to);
        return new Page<>(items, to < mine.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    }

    @Override
    public Optional<AuditRecord> head(OrgId tenant) {
        List<AuditRecord> mine = records.stream().filter(r -> r.tenant().equals(tenant)).toList();
        return mine.isEmpty() ? Optional.empty() : Optional.of(mine.get(mine.size() - 1));
    }
}
