package io.bastion.threeds.web;

import io.bastion.threeds.ChallengeOutcome;
import io.bastion.threeds.ChallengeView;
import io.bastion.shared.MoneyText;
import io.bastion.threeds.ThreeDsChallenges;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ACS challenge page: shows merchant, amount and the phone's last digits, and turns each form post
 * into a CReq document for the ACS (the same document an external 3DS client would send).
 */
@Controller
final class ChallengeController {

    private static final Pattern TRANS_ID = Pattern.compile("[0-9a-f-]{36}");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final ThreeDsChallenges challenges;

    ChallengeController(ThreeDsChallenges challenges) {
        this.challenges = Objects.requireNonNull(challenges, "challenges");
    }

    @GetMapping("/threeds/challenge/{acsTransID}")
    String show(@PathVariable String acsTransID, Model model) {
        ChallengeView view = find(acsTransID);
        return render(view, ChallengeOutcome.Prompt.ENTER_CODE, -1, model);
    }

    @PostMapping("/threeds/challenge/{acsTransID}")
    String answer(@PathVariable String acsTransID, @RequestParam(defaultValue = "submit") String action,
            @RequestParam(required = false) String code, Model model) {
        ChallengeView view = find(acsTransID);
        ObjectNode creq = JSON.createObjectNode()
                .put("messageType", "CReq").put("messageVersion", "2.2.0")
                .put("threeDSServerTransID", view.threeDSServerTransID()).put("acsTransID", view.acsTransID())
                .put("challengeWindowSize", "05");
        switch (action) {
            case "cancel" -> creq.put("challengeCancel", "01");
            case "resend" -> creq.put("resendChallenge", "Y");
            default -> creq.put("challengeDataEntry", code == null ? "" : code.strip());
        }
        ChallengeOutcome outcome = challenges.respond(JSON.writeValueAsString(creq));
        return render(find(acsTransID), outcome.prompt(), outcome.attemptsLeft(), model);
    }

    private ChallengeView find(String acsTransID) {
        Optional<ChallengeView> view = TRANS_ID.matcher(acsTransID).matches()
                ? challenges.view(acsTransID) : Optional.empty();
        return view.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private static String render(ChallengeView view, ChallengeOutcome.Prompt prompt, int attemptsLeft, Model model) {
        model.addAttribute("view", view);
        model.addAttribute("amount", amount(view.amount(), view.currency()));
        model.addAttribute("prompt", view.pending() ? prompt.name() : "DONE");
        model.addAttribute("attemptsLeft", attemptsLeft);
        return "threeds/challenge";
    }

    // Minor units to a display amount without floating point: 1250 in 978 reads "12.50 EUR".
    static String amount(long minor, String numericCurrency) {
        return MoneyText.currencyOfNumeric(numericCurrency).map(code -> MoneyText.withCode(minor, code))
                .orElse(minor + " " + numericCurrency);
    }
}
