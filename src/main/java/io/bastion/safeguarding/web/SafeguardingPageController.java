package io.bastion.safeguarding.web;

import io.bastion.safeguarding.Reconciliation;
import io.bastion.safeguarding.ReconciliationRecord;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The staff page of the safeguarding reconciliation (compliance and operations admins only, by the page
 * rules): the daily history, the latest alerts, a button that runs a reconciliation now, and the CSV export.
 */
@Controller
@RequestMapping("/staff/safeguarding")
class SafeguardingPageController {

    static final int PAGE_DAYS = 31;
    static final int PAGE_ALERTS_MAX = 20;

    private final Reconciliation reconciliation;

    SafeguardingPageController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping
    String page(Model model) {
        LocalDate to = reconciliation.today();
        LocalDate from = to.minusDays(PAGE_DAYS - 1);
        List<ReconciliationRecord> records = reconciliation.history(from, to, null, Reconciliation.HISTORY_PAGE_MAX).records();
        model.addAttribute("records", records);
        model.addAttribute("alerts", reconciliation.alerts(PAGE_ALERTS_MAX));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "safeguarding/staff";
    }

    @PostMapping("/run")
    String run(Principal staff) {
        reconciliation.run(reconciliation.today(), "staff:" + staff.getName());
        return "redirect:/staff/safeguarding?ran";
    }

    @GetMapping("/reconciliations.csv")
    ResponseEntity<String> csv(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                               @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return ReconciliationController.csvResponse(reconciliation, from, to);
    }
}
