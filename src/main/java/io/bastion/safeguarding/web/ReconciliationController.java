package io.bastion.safeguarding.web;

import io.bastion.safeguarding.Reconciliation;
import io.bastion.safeguarding.ReconciliationPage;
import io.bastion.safeguarding.ReconciliationRecord;
import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Safeguarding reconciliations for operators (scope {@code safeguarding}): run one now, page through the
 * daily history, and export it as CSV for the regulator.
 */
@RestController
@RequestMapping("/v1/safeguarding")
class ReconciliationController {

    static final int HISTORY_DAYS_DEFAULT = 31;

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    record Run(List<ReconciliationRecord> data) {
    }

    record History(List<ReconciliationRecord> data, String nextCursor) {
    }

    @PostMapping("/reconciliations")
    ResponseEntity<Run> run(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                            LocalDate businessDate, Principal caller) {
        LocalDate date = businessDate == null ? reconciliation.today() : businessDate;
        List<ReconciliationRecord> records = reconciliation.run(date, "api:" + caller.getName());
        return ResponseEntity.created(URI.create("/v1/safeguarding/reconciliations?from=" + date + "&to=" + date))
                .body(new Run(records));
    }

    @GetMapping("/reconciliations")
    History history(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                    @RequestParam(required = false) String cursor,
                    @RequestParam(defaultValue = "" + Reconciliation.HISTORY_PAGE_MAX) int limit) {
        LocalDate until = to == null ? reconciliation.today() : to;
        LocalDate since = from == null ? until.minusDays(HISTORY_DAYS_DEFAULT - 1) : from;
        if (since.isAfter(until)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from must not be after to");
        }
        if (limit < 1 || limit > Reconciliation.HISTORY_PAGE_MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "limit must be 1 to " + Reconciliation.HISTORY_PAGE_MAX);
        }
        ReconciliationPage page = reconciliation.history(since, until, cursor(cursor), limit);
        return new History(page.records(), page.nextCursor() == null ? null : page.nextCursor().toString());
    }

    @GetMapping("/reconciliations.csv")
    ResponseEntity<String> csv(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return csvResponse(reconciliation, from, to);
    }

    /** The CSV export of a date range, shared with the staff page. */
    static ResponseEntity<String> csvResponse(Reconciliation reconciliation, LocalDate from, LocalDate to) {
        List<ReconciliationRecord> records;
        try {
            records = reconciliation.export(from, to);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        if (records.size() > Reconciliation.EXPORT_ROWS_MAX) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "more than " + Reconciliation.EXPORT_ROWS_MAX + " records: narrow the date range");
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"safeguarding-reconciliations-" + from + "-to-" + to + ".csv\"")
                .body(ReconciliationCsv.write(records));
    }

    private static Long cursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        if (!cursor.matches("[0-9]{1,18}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "cursor must be a value from nextCursor");
        }
        return Long.parseLong(cursor);
    }
}
