package io.bastion.wallet.web;

import io.bastion.identity.SignedInUser;
import io.bastion.wallet.MinorUnits;
import io.bastion.wallet.WalletRejection;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Small things the wallet pages share: amounts as people write them, messages for rejections, access. */
final class WalletPages {

    private WalletPages() {
    }

    static String format(long minor, String currency) {
        return MinorUnits.format(minor, currency);
    }

    /** Only customers have wallets; anyone else gets the same 404 as for a wallet that does not exist. */
    static String customer(SignedInUser user) {
        if (user == null || user.staff()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return user.userId();
    }

    static String message(WalletRejection rejection) {
        return switch (rejection) {
            case CUSTOMER_MUST_BE_VERIFIED -> "Confirm your e-mail and phone before you move money.";
            case WALLET_MUST_EXIST -> "That wallet or order does not exist.";
            case PAYEE_MUST_BE_A_VERIFIED_CUSTOMER -> "We found no verified Bastion customer with that IBAN, e-mail or phone.";
            case PAYEE_MUST_HAVE_A_WALLET_IN_THE_CURRENCY -> "The payee has no wallet in this currency.";
            case PAYEE_MUST_BE_ANOTHER_WALLET -> "You cannot send money to the same wallet.";
            case AMOUNT_MUST_BE_POSITIVE -> "Enter an amount above zero, with at most two decimals.";
            case AMOUNT_MUST_BE_IN_RANGE -> "That amount is too large.";
            case REFERENCE_MUST_BE_VALID -> "Enter a reference of up to 140 letters, digits and common punctuation.";
            case IBAN_MUST_BE_VALID -> "That IBAN is not valid.";
            case NAME_MUST_BE_VALID -> "Enter the payee's name (up to 70 characters).";
            case CONFIRMATION_MUST_BE_VALID -> "This order was not confirmed, or its confirmation has expired.";
            case MONTHLY_OUTGOING_LIMIT_EXCEEDED -> "This would pass your monthly sending limit.";
            case PAYEE_BALANCE_CAP_EXCEEDED -> "The payee's wallet cannot hold that much.";
            case FUNDS_MUST_BE_SUFFICIENT -> "Your wallet does not have enough money for this and its fee.";
            case ORDER_ALREADY_CARRIED_OUT -> "This order has already been carried out.";
            case LEDGER_REFUSED -> "The payment could not be made. Nothing was taken from your wallet.";
        };
    }
}
