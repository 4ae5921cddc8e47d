package io.bastion.issuing.web;

import io.bastion.identity.SignedInUser;
import io.bastion.issuing.Card;
import io.bastion.issuing.CardControls;
import io.bastion.issuing.CardResult;
import io.bastion.issuing.CardStatus;
import io.bastion.issuing.Cards;
import io.bastion.wallet.Wallets;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The cardholder's card pages: the list of cards (masked), creating a card on a wallet, and each card's
 * page with its controls, freeze and unfreeze, and replacement. Every page is scoped to the signed-in
 * customer; another customer's card id answers 404 like one that does not exist. Showing the full details
 * lives in {@link CardDetailsController}.
 */
@Controller
class CardController {

    static final int LIST_FIELD_LENGTH_MAX = 400;

    private final Cards cards;
    private final Wallets wallets;

    CardController(Cards cards, Wallets wallets) {
        this.cards = Objects.requireNonNull(cards, "cards");
        this.wallets = Objects.requireNonNull(wallets, "wallets");
    }

    @GetMapping("/cards")
    String list(@AuthenticationPrincipal SignedInUser user, Model model) {
        String userId = customer(user);
        model.addAttribute("cards", cards.cards(userId));
        model.addAttribute("wallets", wallets.openWallets(userId));
        return "issuing/cards";
    }

    @PostMapping("/cards")
    String create(@AuthenticationPrincipal SignedInUser user, @RequestParam(defaultValue = "") String walletId,
                  HttpServletRequest request, Model model) {
        String userId = customer(user);
        CardResult result = cards.create(userId, walletId, request.getRemoteAddr());
        if (!result.ok()) {
            model.addAttribute("error", switch (result.rejection()) {
                case CUSTOMER_MUST_BE_VERIFIED -> "Confirm your e-mail and phone before you create a card.";
                case OPEN_CARDS_MAX_REACHED -> "You have as many cards as you can hold. Close one first.";
                default -> "Choose one of your wallets.";
            });
            return list(user, model);
        }
        return "redirect:/cards/" + result.card().id() + "?created";
    }

    @GetMapping("/cards/{cardId}")
    String card(@AuthenticationPrincipal SignedInUser user, @PathVariable String cardId, Model model) {
        Card card = owned(user, cardId);
        model.addAttribute("card", card);
        model.addAttribute("closed", card.status() == CardStatus.CLOSED);
        model.addAttribute("frozen", card.status() == CardStatus.FROZEN);
        model.addAttribute("transactionLimit", Amounts.format(card.controls().transactionLimitMinor(), card.currency()));
        model.addAttribute("dailyLimit", Amounts.format(card.controls().dailyLimitMinor(), card.currency()));
        model.addAttribute("countries", String.join(", ", card.controls().allowedCountries()));
        model.addAttribute("mccs", String.join(", ", card.controls().blockedMccs()));
        return "issuing/card";
    }

    @PostMapping("/cards/{cardId}/freeze")
    String freeze(@AuthenticationPrincipal SignedInUser user, @PathVariable String cardId, HttpServletRequest request) {
        owned(user, cardId);
        cards.freeze(user.userId(), cardId, true, request.getRemoteAddr());
        return "redirect:/cards/" + cardId + "?frozen";
    }

    @PostMapping("/cards/{cardId}/unfreeze")
    String unfreeze(@AuthenticationPrincipal SignedInUser user, @PathVariable String cardId, HttpServletRequest request) {
        owned(user, cardId);
        cards.freeze(user.userId(), cardId, false, request.getRemoteAddr());
        return "redirect:/cards/" + cardId + "?unfrozen";
    }

    @PostMapping("/cards/{cardId}/replace")
    String replace(@AuthenticationPrincipal SignedInUser user, @PathVariable String cardId, HttpServletRequest request,
                   Model model) {
        owned(user, cardId);
        CardResult result = cards.replace(user.userId(), cardId, request.getRemoteAddr());
        if (!result.ok()) {
            model.addAttribute("error", "This card cannot be replaced.");
            return card(user, cardId, model);
        }
        return "redirect:/cards/" + result.card().id() + "?replaced";
    }

    @PostMapping("/cards/{cardId}/controls")
    String controls(@AuthenticationPrincipal SignedInUser user, @PathVariable String cardId,
                    @RequestParam(defaultValue = "false") boolean online,
                    @RequestParam(defaultValue = "") String transactionLimit, @RequestParam(defaultValue = "") String dailyLimit,
                    @RequestParam(defaultValue = "") String countries, @RequestParam(defaultValue = "") String mccs,
                    HttpServletRequest request, Model model) {
        Card card = owned(user, cardId);
        OptionalLong perTransaction = Amounts.parse(transactionLimit, card.currency());
        OptionalLong daily = Amounts.parse(dailyLimit, card.currency());
        if (perTransaction.isEmpty() || daily.isEmpty() || countries.length() > LIST_FIELD_LENGTH_MAX
                || mccs.length() > LIST_FIELD_LENGTH_MAX) {
            model.addAttribute("error", "Enter the limits as amounts, such as 250.00.");
            return card(user, cardId, model);
        }
        CardControls controls = new CardControls(online, perTransaction.getAsLong(), daily.getAsLong(),
                items(countries.toUpperCase(Locale.ROOT)), items(mccs));
        Optional<CardControls.ControlRejection> rejected = cards.updateControls(user.userId(), cardId, controls,
                request.getRemoteAddr());
        if (rejected.isPresent()) {
            model.addAttribute("error", switch (rejected.get()) {
                case TRANSACTION_LIMIT_MUST_BE_IN_RANGE, DAILY_LIMIT_MUST_BE_IN_RANGE -> "Limits must be above zero and at most "
                        + Amounts.format(CardControls.LIMIT_MAX_MINOR, card.currency()) + ".";
                case COUNTRIES_MUST_BE_ISO_3166_ALPHA_2 -> "List countries as two-letter codes such as DE, FR.";
                case MCCS_MUST_BE_FOUR_DIGITS -> "List merchant categories as four-digit codes such as 7995.";
            });
            return card(user, cardId, model);
        }
        return "redirect:/cards/" + cardId + "?saved";
    }

    private static List<String> items(String text) {
        return Arrays.stream(text.split("[,\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
    }

    private Card owned(SignedInUser user, String cardId) {
        return cards.card(customer(user), cardId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** Only customers have cards; anyone else gets the same 404 as for a card that does not exist. */
    static String customer(SignedInUser user) {
        if (user == null || user.staff()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return user.userId();
    }
}
