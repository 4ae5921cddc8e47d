package io.bastion.threeds;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Error message: the spec's answer to a message that cannot be processed, with a code and the component. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Erro(
        String messageType,
        String messageVersion,
        @JsonProperty("threeDSServerTransID") String threeDSServerTransID,
        @JsonProperty("dsTransID") String dsTransID,
        @JsonProperty("acsTransID") String acsTransID,
        String errorCode,
        String errorComponent,
        String errorDescription,
        String errorDetail,
        String errorMessageType) implements ThreeDsMessage {

    /** 101: the message cannot be read as a message of the expected type. */
    public static final String MESSAGE_RECEIVED_INVALID = "101";
    /** 102: the message version is not supported. */
    public static final String VERSION_NOT_SUPPORTED = "102";
    /** 201: a required element is missing. */
    public static final String REQUIRED_ELEMENT_MISSING = "201";
    /** 203: an element's format or value is invalid. */
    public static final String FORMAT_INVALID = "203";
    /** 204: an element appears twice. */
    public static final String DUPLICATE_ELEMENT = "204";
    /** 303: the card's range is not known to the Directory Server. */
    public static final String ACCESS_DENIED_INVALID_ENDPOINT = "303";
    /** The description with which the Directory Server refuses a card that no ACS serves (not enrolled). */
    public static final String CARD_RANGE_NOT_PARTICIPATING = "Card Range Not Participating";
    /** 305: the transaction's data is not valid for this component. */
    public static final String TRANSACTION_DATA_INVALID = "305";

    /** An error raised by one component about a message of the given type. */
    public static Erro of(String code, char component, String description, String detail, String messageType) {
        return new Erro("Erro", VERSION, null, null, null, code, String.valueOf(component), description, detail,
                messageType);
    }
}
