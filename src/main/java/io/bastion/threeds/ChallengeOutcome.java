package io.bastion.threeds;

/**
 * What a CReq led to: the CRes (or an Erro when the CReq is refused), and what the challenge page tells
 * the cardholder next.
 */
public record ChallengeOutcome(CRes cres, Erro error, Prompt prompt, int attemptsLeft) {

    /** The challenge page's next message. */
    public enum Prompt { ENTER_CODE, WRONG_CODE, CODE_EXPIRED, CODE_RESENT, RESENDS_EXHAUSTED, DONE, REFUSED }

    /** Whether the challenge has ended (the CRes says challengeCompletionInd Y). */
    public boolean complete() {
        return cres != null && "Y".equals(cres.challengeCompletionInd());
    }
}
