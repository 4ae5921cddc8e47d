package io.bastion.issuing;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What 3-D Secure hands over with an online payment: the ACS's transStatus ({@code Y} authenticated), the ECI,
 * the Directory Server's transaction id, the authentication value (CAVV) the ACS issued, the account token
 * (the AReq's acctNumber, the vault token the payment page made), the acquirer's merchant id and the flow
 * ({@code frictionless} or {@code challenge}). The issuer trusts none of it until the authentication value
 * verifies against the payment.
 */
public record ThreeDsResult(String transStatus, String eci, String dsTransID, String authenticationValue,
                            String accountToken, String merchantId, String flow) {

    public static final String FRICTIONLESS = "frictionless";
    public static final String CHALLENGE = "challenge";
    static final Set<String> FLOWS = Set.of(FRICTIONLESS, CHALLENGE);
    static final String AUTHENTICATED = "Y";
    static final String ECI_AUTHENTICATED = "05";
    private static final Pattern TRANS_STATUS = Pattern.compile("[A-Z]");
    private static final Pattern ECI = Pattern.compile("[0-9]{2}");

    /** True when the ACS said the cardholder was authenticated. */
    boolean authenticated() {
        return AUTHENTICATED.equals(transStatus);
    }

    /** True when an authentication value was handed over at all. */
    boolean hasValue() {
        return authenticationValue != null && !authenticationValue.isBlank();
    }

    /** The transStatus as stored: one capital letter, else nothing. */
    String storedTransStatus() {
        return transStatus != null && TRANS_STATUS.matcher(transStatus).matches() ? transStatus : null;
    }

    /** The ECI as stored: two digits, else nothing. */
    String storedEci() {
        return eci != null && ECI.matcher(eci).matches() ? eci : null;
    }

    /** The flow as stored: frictionless or challenge, else nothing. */
    String storedFlow() {
        String lower = flow == null ? null : flow.toLowerCase(Locale.ROOT);
        return FLOWS.contains(lower) ? lower : null;
    }

    /** An authenticated payment with ECI 05 shifts fraud liability to the issuer. */
    boolean shiftsLiability() {
        return authenticated() && ECI_AUTHENTICATED.equals(eci);
    }
}
