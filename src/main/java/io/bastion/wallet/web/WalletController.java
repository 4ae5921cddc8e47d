package io.bastion.wallet.web;

import io.bastion.identity.Confirmation;
import io.bastion.identity.Confirmations;
import io.bastion.identity.SecondFactors;
import io.bastion.identity.SignedInUser;
import io.bastion.wallet.MinorUnits;
import io.bastion.wallet.SendResult;
import io.bastion.wallet.StatementLine;
import io.bastion.wallet.Wallet;
import io.bastion.wallet.WalletOrder;
import io.bastion.wallet.WalletStatement;
import io.bastion.wallet.Wallets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
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
import org.springframework.web.server.ResponseStatusException;

/**
 * The customer's wallet pages: balances with IBANs and top-up references, statement history with running
 * balances and CSV export, sending money and payouts with their confirmation. Every page is scoped to
 * the signed-in customer; another customer's wallet or order id answers 404.
 */
@Controller
class WalletController {

    static final int HISTORY_PAGE_LINES = 25;
    static final int CSV_LINES_MAX = 10_000;

    private final Wallets wallets;
    private final Confirmations confirmations;

    WalletController(Wallets wallets, Confirmations confirmations) {
        this.wallets = Objects.requireNonNull(wallets, "wallets");
        this.confirmations = Objects.requireNonNull(confirmations, "confirmations");
    }

    @GetMapping("/wallet")
    String balances(@AuthenticationPrincipal SignedInUser user, Model model) {
        String userId = WalletPages.customer(user);
        List<Wallet> opened = wallets.openWallets(userId);
        model.addAttribute("verified", !opened.isEmpty());
        model.addAttribute("balances", wallets.balances(userId).stream().map(BalanceView::of).toList());
        return "wallet/balances";
    }

    /** A balance as the page shows it. */
    record BalanceView(String id, String currency, String iban, String topupReference, String balance, String held,
                       String available) {
        static BalanceView of(io.bastion.wallet.WalletBalance b) {
            String c = b.wallet().currency();
            return new BalanceView(b.wallet().id(), c, b.wallet().iban(), b.wallet().topupReference(),
                    WalletPages.format(b.balanceMinor(), c), WalletPages.format(b.heldMinor(), c), WalletPages.format(b.availableMinor(), c));
        }
    }

    @GetMapping("/wallet/{walletId}/history")
    String history(@AuthenticationPrincipal SignedInUser user, @PathVariable String walletId,
                   @RequestParam(defaultValue = "0") long after, Model model) {
        WalletStatement statement = wallets.statement(WalletPages.customer(user), walletId, after, HISTORY_PAGE_LINES)
                .orElseThrow(WalletController::notFound);
        model.addAttribute("wallet", statement.wallet());
        String currency = statement.wallet().currency();
        model.addAttribute("lines", statement.lines().stream().map(l -> new LineView(l.bookedAt(), l.kind(),
                l.counterparty(), l.reference(), WalletPages.format(l.amountMinor(), currency) + (l.held() ? " (held)" : ""),
                WalletPages.format(l.balanceAfterMinor(), currency))).toList());
        model.addAttribute("nextAfter", statement.nextAfter());
        return "wallet/history";
    }

    /** A statement line as the page shows it; the booking moment stays an instant for the page to write (PageTimes). */
    record LineView(Instant bookedAt, String kind, String counterparty, String reference, String amount, String balance) {
    }

    @GetMapping("/wallet/{walletId}/statement.csv")
    ResponseEntity<byte[]> csv(@AuthenticationPrincipal SignedInUser user, @PathVariable String walletId) {
        String userId = WalletPages.customer(user);
        Wallet wallet = wallets.wallet(userId, walletId).orElseThrow(WalletController::notFound);
        List<StatementLine> lines = new ArrayList<>();
        Long after = 0L;
        while (after != null && lines.size() < CSV_LINES_MAX) {
            WalletStatement page = wallets.statement(userId, walletId, after, 100).orElseThrow(WalletController::notFound);
            lines.addAll(page.lines());
            after = page.nextAfter();
        }
        byte[] body = StatementCsv.write(wallet.iban(), wallet.currency(), lines).getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("statement-" + wallet.currency() + ".csv").build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }

    @GetMapping("/wallet/{walletId}/send")
    String sendForm(@AuthenticationPrincipal SignedInUser user, @PathVariable String walletId, Model model) {
        model.addAttribute("wallet", wallets.wallet(WalletPages.customer(user), walletId).orElseThrow(WalletController::notFound));
        return "wallet/send";
    }

    @PostMapping("/wallet/{walletId}/send")
    String send(@AuthenticationPrincipal SignedInUser user, @PathVariable String walletId, @RequestParam(defaultValue = "") String payee,
                @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String reference,
                HttpServletResponse response, Model model) {
        String userId = WalletPages.customer(user);
        Wallet wallet = wallets.wallet(userId, walletId).orElseThrow(WalletController::notFound);
        OptionalLong minor = MinorUnits.parse(amount.strip(), wallet.currency());
        SendResult result = wallets.send(userId, walletId, payee, minor.orElse(0), reference);
        return placed(result, wallet, "wallet/send", response, model);
    }

    @GetMapping("/wallet/{walletId}/payout")
    String payoutForm(@AuthenticationPrincipal SignedInUser user, @PathVariable String walletId, Model model) {
        model.addAttribute("wallet", wallets.wallet(WalletPages.customer(user), walletId).orElseThrow(WalletController::notFound));
        return "wallet/payout";
    }

    @PostMapping("/wallet/{walletId}/payout")
    String payout(@AuthenticationPrincipal SignedInUser user, @PathVariable String walletId,
                  @RequestParam(defaultValue = "") String iban, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String amount, @RequestParam(defaultValue = "") String reference,
                  HttpServletResponse response, Model model) {
        String userId = WalletPages.customer(user);
        Wallet wallet = wallets.wallet(userId, walletId).orElseThrow(WalletController::notFound);
        OptionalLong minor = MinorUnits.parse(amount.strip(), wallet.currency());
        SendResult result = wallets.payout(userId, walletId, iban, name, minor.orElse(0), reference);
        return placed(result, wallet, "wallet/payout", response, model);
    }

    private static String placed(SendResult result, Wallet wallet, String form, HttpServletResponse response, Model model) {
        if (result.status() == SendResult.Status.REJECTED && result.orderId() == null) {
            response.setStatus(422);
            model.addAttribute("wallet", wallet);
            model.addAttribute("error", WalletPages.message(result.rejection()));
            return form;
        }
        return "redirect:/wallet/orders/" + result.orderId();
    }

    @GetMapping("/wallet/orders/{orderId}")
    String order(@AuthenticationPrincipal SignedInUser user, @PathVariable String orderId, Model model) {
        return showOrder(WalletPages.customer(user), orderId, model);
    }

    @PostMapping("/wallet/orders/{orderId}")
    String confirmAndSend(@AuthenticationPrincipal SignedInUser user, @PathVariable String orderId,
                          @RequestParam(defaultValue = "TOTP") SecondFactors.Method method, @RequestParam(defaultValue = "") String code,
                          HttpServletRequest request, HttpServletResponse response, Model model) {
        String userId = WalletPages.customer(user);
        WalletOrder order = wallets.order(userId, orderId).orElseThrow(WalletController::notFound);
        boolean confirmed = !order.confirmationRequired()
                || confirmations.find(userId, orderId).map(c -> c.confirmedAt() != null).orElse(false);
        if (!confirmed) {
            Confirmations.Outcome outcome = confirmations.confirm(userId, orderId, method, code, request.getRemoteAddr());
            if (outcome != Confirmations.Outcome.CONFIRMED) {
                response.setStatus(422);
                model.addAttribute("error", outcome == Confirmations.Outcome.WRONG_CODE
                        ? "That code is not right. Check it and try again." : "This confirmation can no longer be used. Start again.");
                return showOrder(userId, orderId, model);
            }
        }
        SendResult result = wallets.carryOut(userId, orderId);
        if (result.status() == SendResult.Status.REJECTED) {
            response.setStatus(422);
            model.addAttribute("error", WalletPages.message(result.rejection()));
        }
        return showOrder(userId, orderId, model);
    }

    @PostMapping("/wallet/orders/{orderId}/sms")
    String textMeACode(@AuthenticationPrincipal SignedInUser user, @PathVariable String orderId, HttpServletRequest request,
                       Model model) {
        String userId = WalletPages.customer(user);
        wallets.order(userId, orderId).orElseThrow(WalletController::notFound);
        Confirmations.SmsOutcome sent = confirmations.sendSmsCode(userId, orderId, request.getRemoteAddr());
        model.addAttribute(sent == Confirmations.SmsOutcome.SENT ? "info" : "error", sent == Confirmations.SmsOutcome.SENT
                ? "We sent a code to your phone. The message names the payment." : "No code could be sent. Use your authenticator app.");
        return showOrder(userId, orderId, model);
    }

    private String showOrder(String userId, String orderId, Model model) {
        WalletOrder order = wallets.order(userId, orderId).orElseThrow(WalletController::notFound);
        Optional<Confirmation> confirmation = order.confirmationRequired() ? confirmations.find(userId, orderId) : Optional.empty();
        model.addAttribute("order", order);
        if (order.rejection() != null && !model.containsAttribute("error")) {
            model.addAttribute("error", WalletPages.message(io.bastion.wallet.WalletRejection.valueOf(order.rejection())));
        }
        model.addAttribute("amount", WalletPages.format(order.amountMinor(), order.currency()));
        model.addAttribute("fee", WalletPages.format(order.feeMinor(), order.currency()));
        model.addAttribute("total", WalletPages.format(order.amountMinor() + order.feeMinor(), order.currency()));
        model.addAttribute("summary", confirmation.map(Confirmation::summary).orElse(""));
        model.addAttribute("needsCode", "awaiting".equals(order.status()) && confirmation.map(c -> c.confirmedAt() == null).orElse(false));
        model.addAttribute("balance", wallets.balances(userId).stream().filter(b -> b.wallet().id().equals(order.walletId()))
                .findFirst().map(b -> WalletPages.format(b.balanceMinor(), order.currency())).orElse(""));
        return "wallet/order";
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
