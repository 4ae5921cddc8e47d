package io.bastion.wallet;

import io.bastion.identity.CustomerDirectory;
import io.bastion.identity.UserAccount;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.iban4j.IbanUtil;

/** How a customer names a payee (IBAN, e-mail or phone), and the checks on what customers type into orders. */
final class PayeeHandle {

    static final int REFERENCE_LENGTH_MAX = 140;
    static final int NAME_LENGTH_MAX = 70;
    private static final Pattern PHONE = Pattern.compile("\\+[0-9 ]{6,20}");
    // Letters, digits, spaces and common punctuation only: no control, format or line-separator characters.
    private static final Pattern SAFE_TEXT = Pattern.compile("[\\p{L}\\p{M}\\p{N} .,:;'()/?+&@#%_-]*");

    private PayeeHandle() {
    }

    static Optional<UserAccount> resolve(String handle, CustomerDirectory directory, WalletStore wallets) {
        if (handle == null || handle.isBlank() || handle.length() > 254) {
            return Optional.empty();
        }
        String h = handle.strip();
        if (h.contains("@")) {
            return directory.findVerifiedByEmail(h);
        }
        if (PHONE.matcher(h).matches()) {
            return directory.findVerifiedByPhone(h);
        }
        String iban = compactIban(h);
        return wallets.byIban(iban).flatMap(w -> directory.customer(w.userId())).filter(UserAccount::verified);
    }

    /** What a payer sees of the payee: the display name (shown again on the confirmation page). */
    static String label(UserAccount payee) {
        String name = payee.displayName() == null ? "" : payee.displayName().strip();
        return name.isEmpty() ? "Bastion customer" : name.length() > NAME_LENGTH_MAX ? name.substring(0, NAME_LENGTH_MAX) : name;
    }

    static String compactIban(String iban) {
        return iban == null ? "" : iban.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    static boolean validIban(String iban) {
        String compact = compactIban(iban);
        return compact.length() <= 34 && IbanUtil.isValid(compact);
    }

    static boolean validReference(String reference) {
        return reference != null && !reference.isBlank() && reference.length() <= REFERENCE_LENGTH_MAX
                && SAFE_TEXT.matcher(reference).matches();
    }

    static boolean validName(String name) {
        return name != null && !name.isBlank() && name.length() <= NAME_LENGTH_MAX && SAFE_TEXT.matcher(name).matches();
    }
}
