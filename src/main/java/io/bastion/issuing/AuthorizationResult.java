package io.bastion.issuing;

/** The issuer's answer: approved with the hold's ledger transfer id, or declined with the rule that failed. */
public record AuthorizationResult(String authorizationId, boolean approved, DeclineReason declineReason,
                                  String holdTransferId) {

    static AuthorizationResult approved(String authorizationId, String holdTransferId) {
        return new AuthorizationResult(authorizationId, true, null, holdTransferId);
    }

    static AuthorizationResult declined(String authorizationId, DeclineReason reason) {
        return new AuthorizationResult(authorizationId, false, reason, null);
    }
}
