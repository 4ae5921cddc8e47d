package io.bastion.audit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bastion.audit.AuditEntry;
import io.bastion.audit.AuditLog;
import io.bastion.audit.AuditVerification;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operator access to the audit log: verify the chain, and read entries newest first. */
@RestController
@RequestMapping("/v1/audit")
class AuditController {

    static final int PAGE_SIZE_DEFAULT = 20;

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VerificationView(boolean intact, Long entries, Long firstBadEntry, String reason, String message) {

        static VerificationView of(AuditVerification verification) {
            return switch (verification) {
                case AuditVerification.Intact intact ->
                        new VerificationView(true, intact.entries(), null, null, intact.message());
                case AuditVerification.Broken broken ->
                        new VerificationView(false, null, broken.firstBadEntry(), broken.reason().text(), broken.message());
            };
        }
    }

    record EntryView(long seq, Instant occurredAt, String actor, String action, String target, String outcome,
                     String originIp, Map<String, String> details, String previousHash, String hash) {

        static EntryView of(AuditEntry entry) {
            HexFormat hex = HexFormat.of();
            return new EntryView(entry.seq(), entry.occurredAt(), entry.actor(), entry.action(), entry.target(),
                    entry.outcome(), entry.originIp(), details(entry.details()), hex.formatHex(entry.previousHash()),
                    hex.formatHex(entry.hash()));
        }

        /** Details are stored as sorted {@code key=value} lines; shown as an object. */
        private static Map<String, String> details(String canonical) {
            Map<String, String> details = new LinkedHashMap<>();
            canonical.lines().filter(line -> !line.isEmpty()).forEach(line -> {
                int equals = line.indexOf('=');
                details.put(equals < 0 ? line : line.substring(0, equals), equals < 0 ? "" : line.substring(equals + 1));
            });
            return details;
        }
    }

    record EntryPage(List<EntryView> data, String nextCursor) {
    }

    @GetMapping("/verification")
    VerificationView verification() {
        return VerificationView.of(audit.verify());
    }

    @GetMapping("/entries")
    EntryPage entries(@RequestParam(required = false) @Min(1) Long cursor,
                      @RequestParam(defaultValue = "" + PAGE_SIZE_DEFAULT) @Min(1) @Max(AuditLog.ENTRIES_PAGE_MAX) int limit) {
        List<EntryView> page = audit.entries(cursor == null ? Long.MAX_VALUE : cursor, limit).stream()
                .map(EntryView::of).toList();
        boolean more = page.size() == limit && page.getLast().seq() > 1;
        return new EntryPage(page, more ? Long.toString(page.getLast().seq()) : null);
    }
}
