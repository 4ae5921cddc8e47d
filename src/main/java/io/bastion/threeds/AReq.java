package io.bastion.threeds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Authentication Request: the 3DS Server asks, through the DS, whether the cardholder is authenticated. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AReq(
        String messageType,
        String messageVersion,
        @JsonProperty("threeDSServerTransID") String threeDSServerTransID,
        @JsonProperty("dsTransID") String dsTransID,
        String deviceChannel,
        String messageCategory,
        String acctNumber,
        String purchaseAmount,
        String purchaseCurrency,
        String purchaseExponent,
        String merchantName,
        String acquirerMerchantID,
        String mcc,
        String merchantCountryCode,
        String deviceInfo,
        String notificationURL) implements ThreeDsMessage {

    /** The account as a masked token type, so callers never handle it as a bare string. */
    public AccountToken account() {
        return new AccountToken(acctNumber);
    }

    /** The same request with the DS transaction id the Directory Server assigns. */
    public AReq withDsTransID(String id) {
        return new AReq(messageType, messageVersion, threeDSServerTransID, id, deviceChannel, messageCategory,
                acctNumber, purchaseAmount, purchaseCurrency, purchaseExponent, merchantName, acquirerMerchantID,
                mcc, merchantCountryCode, deviceInfo, notificationURL);
    }

    @Override
    public String toString() {
        return "AReq[threeDSServerTransID=" + threeDSServerTransID + ", dsTransID=" + dsTransID
                + ", acctNumber=" + (acctNumber == null ? null : account()) + ", purchaseAmount=" + purchaseAmount
                + ", purchaseCurrency=" + purchaseCurrency + ", merchantName=" + merchantName + "]";
    }
}
