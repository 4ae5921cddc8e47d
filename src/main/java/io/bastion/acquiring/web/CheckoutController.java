package io.bastion.acquiring.web;

import io.bastion.acquiring.PaymentIntent;
import io.bastion.acquiring.PaymentIntents;
import io.bastion.acquiring.PaymentOutcome;
import io.bastion.acquiring.PaymentRejection;
import io.bastion.acquiring.PaymentStatus;
import io.bastion.acquiring.SavedCards;
import io.bastion.identity.CustomerDirectory;
import io.bastion.identity.RateLimits;
import io.bastion.shared.MoneyText;
import io.bastion.threeds.CRes;
import io.bastion.threeds.ParseResult;
import io.bastion.threeds.ThreeDsMessages;
import io.bastion.vault.CardNumber;
import io.bastion.vault.CardToken;
import io.bastion.vault.Cvv;
import io.bastion.vault.Expiry;
import io.bastion.vault.TokenPurpose;
import io.bastion.vault.Vault;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The hosted payment page. The merchant sends the customer to {@code /pay/{checkoutId}}; the page shows the
 * merchant and the amount, takes the card over TLS straight into the vault (the merchant never sees it),
 * runs 3-D Secure with the challenge framed in the page, and sends the customer back to the merchant's
 * return_url. The card number and CVV2 are never written back into a page, a log or an error.
 */
@Controller
final class CheckoutController {

    static final Pattern CHECKOUT_ID = Pattern.compile("cs_[0-9a-z]{26}");
    static final String DEVICE_COOKIE = "bastion_device";
    static final Duration CVV_HELD_MAX = Duration.ofMinutes(15);
    static final int NAME_LENGTH_MAX = 100;
    private static final int DEVICE_COOKIE_SECONDS = 365 * 24 * 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PaymentIntents intents;
    private final Vault vault;
    private final CustomerDirectory directory;
    private final CheckoutScript script;
    private final RateLimits limits;
    private final Clock clock;

    CheckoutController(PaymentIntents intents, Vault vault, CustomerDirectory directory, CheckoutScript script,
                       RateLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.intents = Objects.requireNonNull(intents, "intents");
        this.vault = Objects.requireNonNull(vault, "vault");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.script = Objects.requireNonNull(script, "script");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What the customer typed, except the card number and CVV2, which are never shown again. */
    record CardForm(String expiry, String name, boolean save) {
    }

    @GetMapping("/pay/{checkoutId}")
    String show(@PathVariable String checkoutId, Model model, HttpServletRequest request, HttpServletResponse response) {
        PaymentIntent intent = find(checkoutId);
        deviceId(request, response);
        return render(intent, new CardForm("", "", false), Map.of(), model, response);
    }

    @PostMapping("/pay/{checkoutId}")
    String pay(@PathVariable String checkoutId, @RequestParam(defaultValue = "") String number,
               @RequestParam(defaultValue = "") String expiry, @RequestParam(defaultValue = "") String cvc,
               @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "false") boolean save,
               Model model, HttpServletRequest request, HttpServletResponse response) {
        PaymentIntent intent = find(checkoutId);
        CardForm form = new CardForm(expiry.strip(), name.strip(), save);
        if (intent.status() != PaymentStatus.REQUIRES_PAYMENT_METHOD || intents.checkoutExpired(intent)) {
            // Nothing typed is kept: not the card, not the CVV2. The page then says where the payment stands.
            return "redirect:/pay/" + checkoutId;
        }
        Map<String, String> errors = CardEntry.check(number, expiry, cvc, name, clock);
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(intent, form, errors, model, response);
        }
        if (!limits.tryAcquire(RateLimits.Limit.CARD_ENTRY_PER_IP, request.getRemoteAddr())) {
            response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
            return render(intent, form, Map.of("number", "Too many cards were tried from your connection. "
                    + "Please wait 15 minutes and try again."), model, response);
        }
        boolean saving = save && intent.saveCardOffered();
        CardToken token = vault.tokenize(CardNumber.of(number), CardEntry.expiry(expiry), form.name(),
                saving ? TokenPurpose.STORED_CARD : TokenPurpose.ONE_OFF_PAYMENT);
        vault.holdCvv(token, Cvv.of(cvc.strip()), CVV_HELD_MAX);
        String notificationUrl = ServletUriComponentsBuilder.fromContextPath(request)
                .path("/pay/{id}/threeds").buildAndExpand(checkoutId).toUriString();
        PaymentOutcome outcome = intents.payOnPage(checkoutId, token, deviceId(request, response),
                saving ? request.getRemoteAddr() : null, notificationUrl);
        if (!outcome.ok() && outcome.rejection() == PaymentRejection.CARD_MUST_BE_SUPPORTED) {
            response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
            return render(intent, form, Map.of("number", "We cannot take this card. Please use another card."), model,
                    response);
        }
        return "redirect:/pay/" + checkoutId;
    }

    /**
     * The 3-D Secure notification: the challenge page sends the final CRes here in the top window. The CRes
     * only says the challenge ended; whether it succeeded is read from the RReq the 3DS Server received.
     */
    @PostMapping("/pay/{checkoutId}/threeds")
    String challengeEnded(@PathVariable String checkoutId, @RequestParam(defaultValue = "") String cres) {
        PaymentIntent intent = find(checkoutId);
        Optional<CRes> message = decode(cres);
        if (message.isPresent() && message.get().threeDSServerTransID().equals(intent.threeDs().threeDSServerTransID())) {
            intents.resumeAfterChallenge(intent.id());
        }
        return "redirect:/pay/" + checkoutId;
    }

    static Optional<CRes> decode(String cres) {
        if (cres.isEmpty() || cres.length() > 4096) {
            return Optional.empty();
        }
        try {
            String json = new String(Base64.getUrlDecoder().decode(cres), StandardCharsets.UTF_8);
            return ThreeDsMessages.parse(json, CRes.class) instanceof ParseResult.Valid<CRes>(CRes valid)
                    ? Optional.of(valid) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private PaymentIntent find(String checkoutId) {
        Optional<PaymentIntent> intent = CHECKOUT_ID.matcher(checkoutId).matches()
                ? intents.byCheckout(checkoutId) : Optional.empty();
        return intent.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String render(PaymentIntent intent, CardForm form, Map<String, String> errors, Model model,
                          HttpServletResponse response) {
        String merchant = directory.businessName(intent.merchantId()).orElse(intent.merchantId());
        model.addAttribute("intent", intent);
        model.addAttribute("merchant", merchant);
        model.addAttribute("amount", MoneyText.withCode(intent.amount(), intent.currency()));
        model.addAttribute("form", form);
        model.addAttribute("errors", new LinkedHashMap<>(errors));
        model.addAttribute("consentText", SavedCards.consentText(merchant));
        boolean expired = intents.checkoutExpired(intent);
        if (expired) {
            response.setStatus(HttpStatus.GONE.value());
        }
        model.addAttribute("expired", expired);
        model.addAttribute("outcome", expired ? CheckoutText.EXPIRED : CheckoutText.outcome(intent));
        model.addAttribute("returnUrl", CheckoutText.returnUrl(intent));
        model.addAttribute("scriptIntegrity", script.integrity());
        response.setHeader("Content-Security-Policy", script.contentSecurityPolicy());
        response.setHeader("Cache-Control", "no-store");
        return "checkout/pay";
    }

    /** The device cookie the ACS's risk rules recognise a returning browser by; made on the first visit. */
    private static String deviceId(HttpServletRequest request, HttpServletResponse response) {
        if (request.getCookies() != null) {
            for (Cookie c : request.getCookies()) {
                if (DEVICE_COOKIE.equals(c.getName()) && c.getValue().matches("dev_[A-Za-z0-9_-]{22}")) {
                    return c.getValue();
                }
            }
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = "dev_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Cookie cookie = new Cookie(DEVICE_COOKIE, id);
        cookie.setHttpOnly(true);
        cookie.setSecure(true);
        cookie.setPath("/pay");
        cookie.setMaxAge(DEVICE_COOKIE_SECONDS);
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        return id;
    }
}
