package io.bastion.wallet.web;

import io.bastion.identity.SignedInUser;
import io.bastion.identity.UserAccount;
import io.bastion.wallet.BankFiles;
import io.bastion.wallet.ImportReport;
import io.bastion.wallet.MalformedBankFile;
import io.bastion.wallet.PayoutFile;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;

/**
 * The operations page for bank files: upload camt.053/camt.054 from the safeguarding bank, download the
 * pain.001 file of held payouts, and credit unmatched incoming credits to a wallet. Operations admins only.
 */
@Controller
class BankFileController {

    private final BankFiles bankFiles;

    BankFileController(BankFiles bankFiles) {
        this.bankFiles = Objects.requireNonNull(bankFiles, "bankFiles");
    }

    private static String operationsAdmin(SignedInUser user) {
        if (user == null || !user.staff() || user.staffRole() != UserAccount.StaffRole.OPERATIONS_ADMIN) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return user.userId();
    }

    @GetMapping("/staff/bank-files")
    String page(@AuthenticationPrincipal SignedInUser user, Model model) {
        operationsAdmin(user);
        return show(model);
    }

    private String show(Model model) {
        model.addAttribute("unmatched", bankFiles.unmatchedCredits().stream().map(u -> new UnmatchedView(u.id(), u.entryRef(),
                u.currency() + " " + WalletPages.format(u.amountMinor(), u.currency()), u.debtorName(), u.remittance())).toList());
        return "wallet/bank-files";
    }

    /** An unmatched credit as the page shows it. */
    record UnmatchedView(String id, String entryRef, String amount, String debtorName, String remittance) {
    }

    @PostMapping("/staff/bank-files/import")
    String importFile(@AuthenticationPrincipal SignedInUser user, @RequestParam("file") MultipartFile file,
                      HttpServletResponse response, Model model) throws IOException {
        String staffId = operationsAdmin(user);
        try {
            ImportReport r = bankFiles.importFile(file.getOriginalFilename(), file.getBytes(), staffId);
            model.addAttribute("info", "%s imported%s: %d credited, %d to suspense, %d payouts confirmed, %d returned, %d already imported."
                    .formatted(r.kind(), r.fileSeenBefore() ? " again (nothing changed)" : "", r.credited(), r.suspense(),
                            r.payoutsPosted(), r.payoutsReturned(), r.alreadyImported()));
        } catch (MalformedBankFile e) {
            response.setStatus(422);
            model.addAttribute("error", "File refused, nothing changed. Line " + e.line() + ": " + e.reason());
        }
        return show(model);
    }

    @PostMapping("/staff/bank-files/export")
    ResponseEntity<byte[]> export(@AuthenticationPrincipal SignedInUser user) {
        Optional<PayoutFile> file = bankFiles.exportPayouts(operationsAdmin(user));
        if (file.isEmpty()) {
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.get().fileName()).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(file.get().content());
    }

    @PostMapping("/staff/bank-files/unmatched/{id}/credit")
    String credit(@AuthenticationPrincipal SignedInUser user, @PathVariable String id,
                  @RequestParam(defaultValue = "") String wallet, HttpServletResponse response, Model model) {
        if (bankFiles.creditUnmatched(id, wallet, operationsAdmin(user))) {
            model.addAttribute("info", "Credited to the wallet.");
        } else {
            response.setStatus(422);
            model.addAttribute("error", "Not credited: the item is not open, or no wallet in its currency has that IBAN or reference.");
        }
        return show(model);
    }
}
