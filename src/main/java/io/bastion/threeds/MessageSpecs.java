package io.bastion.threeds;

import java.util.Map;

/** The element tables of each message type (a subset of EMV 3DS 2.2 sufficient for the browser flow). */
final class MessageSpecs {

    private static final String UUID = MessageSpec.UUID;
    private static final String STATUS = "Y|N|U|A|C|R";
    private static final String TWO_DIGITS = "[0-9]{2}";
    private static final String AUTH_VALUE = "[A-Za-z0-9+/=]{28,64}";
    private static final String URL = "https://[\\x21-\\x7e]{1,2040}";

    private static final MessageSpec<AReq> AREQ = new MessageSpec<>("AReq", 'D', common()
            .required("threeDSServerTransID", UUID)
            .optional("dsTransID", UUID)
            .required("deviceChannel", "01|02|03")
            .required("messageCategory", "01|02")
            .required("acctNumber", "tok_[A-Za-z0-9_-]{8,60}")
            .required("purchaseAmount", "[0-9]{1,48}")
            .required("purchaseCurrency", "[0-9]{3}")
            .required("purchaseExponent", "[0-9]")
            .required("merchantName", "[\\p{L}\\p{N}\\p{P}\\p{Zs}]{1,40}")
            .required("acquirerMerchantID", "[A-Za-z0-9_\\-]{1,35}")
            .required("mcc", "[0-9]{4}")
            .required("merchantCountryCode", "[0-9]{3}")
            .optional("deviceInfo", "[A-Za-z0-9_\\-]{1,64}")
            .optional("notificationURL", URL)
            .build(), v -> new AReq("AReq", ThreeDsMessage.VERSION, v.get("threeDSServerTransID"),
                    v.get("dsTransID"), v.get("deviceChannel"), v.get("messageCategory"), v.get("acctNumber"),
                    v.get("purchaseAmount"), v.get("purchaseCurrency"), v.get("purchaseExponent"),
                    v.get("merchantName"), v.get("acquirerMerchantID"), v.get("mcc"), v.get("merchantCountryCode"),
                    v.get("deviceInfo"), v.get("notificationURL")));

    private static final MessageSpec<ARes> ARES = new MessageSpec<>("ARes", 'S', common()
            .required("threeDSServerTransID", UUID)
            .required("dsTransID", UUID)
            .required("acsTransID", UUID)
            .required("transStatus", STATUS)
            .optional("transStatusReason", TWO_DIGITS)
            .optional("eci", TWO_DIGITS)
            .optional("authenticationValue", AUTH_VALUE)
            .optional("acsURL", URL)
            .build(), v -> new ARes("ARes", ThreeDsMessage.VERSION, v.get("threeDSServerTransID"),
                    v.get("dsTransID"), v.get("acsTransID"), v.get("transStatus"), v.get("transStatusReason"),
                    v.get("eci"), v.get("authenticationValue"), v.get("acsURL")));

    private static final MessageSpec<CReq> CREQ = new MessageSpec<>("CReq", 'A', common()
            .required("threeDSServerTransID", UUID)
            .required("acsTransID", UUID)
            .required("challengeWindowSize", "0[1-5]")
            .optional("challengeCancel", "0[1-8]")
            .optional("resendChallenge", "Y|N")
            .optional("challengeDataEntry", "[0-9]{1,45}")
            .build(), v -> new CReq("CReq", ThreeDsMessage.VERSION, v.get("threeDSServerTransID"),
                    v.get("acsTransID"), v.get("challengeWindowSize"), v.get("challengeCancel"),
                    v.get("resendChallenge"), v.containsKey("challengeDataEntry")
                            ? new ChallengeEntry(v.get("challengeDataEntry")) : null));

    private static final MessageSpec<CRes> CRES = new MessageSpec<>("CRes", 'S', common()
            .required("threeDSServerTransID", UUID)
            .required("acsTransID", UUID)
            .required("challengeCompletionInd", "Y|N")
            .optional("transStatus", "Y|N")
            .build(), v -> new CRes("CRes", ThreeDsMessage.VERSION, v.get("threeDSServerTransID"),
                    v.get("acsTransID"), v.get("challengeCompletionInd"), v.get("transStatus")));

    private static final MessageSpec<RReq> RREQ = new MessageSpec<>("RReq", 'S', common()
            .required("threeDSServerTransID", UUID)
            .required("dsTransID", UUID)
            .required("acsTransID", UUID)
            .required("messageCategory", "01|02")
            .required("transStatus", "Y|N|U|A|R")
            .optional("transStatusReason", TWO_DIGITS)
            .optional("eci", TWO_DIGITS)
            .optional("authenticationValue", AUTH_VALUE)
            .optional("challengeCancel", "0[1-8]")
            .optional("interactionCounter", TWO_DIGITS)
            .build(), v -> new RReq("RReq", ThreeDsMessage.VERSION, v.get("threeDSServerTransID"),
                    v.get("dsTransID"), v.get("acsTransID"), v.get("messageCategory"), v.get("transStatus"),
                    v.get("transStatusReason"), v.get("eci"), v.get("authenticationValue"),
                    v.get("challengeCancel"), v.get("interactionCounter")));

    private static final MessageSpec<RRes> RRES = new MessageSpec<>("RRes", 'A', common()
            .required("threeDSServerTransID", UUID)
            .required("dsTransID", UUID)
            .required("acsTransID", UUID)
            .required("resultsStatus", TWO_DIGITS)
            .build(), v -> new RRes("RRes", ThreeDsMessage.VERSION, v.get("threeDSServerTransID"),
                    v.get("dsTransID"), v.get("acsTransID"), v.get("resultsStatus")));

    private static final MessageSpec<Erro> ERRO = new MessageSpec<>("Erro", 'S', common()
            .optional("threeDSServerTransID", UUID)
            .optional("dsTransID", UUID)
            .optional("acsTransID", UUID)
            .required("errorCode", "[0-9]{3}")
            .required("errorComponent", "C|S|D|A")
            .required("errorDescription", "[\\x20-\\x7e]{1,2048}")
            .required("errorDetail", "[\\x20-\\x7e]{1,2048}")
            .optional("errorMessageType", "AReq|ARes|CReq|CRes|RReq|RRes|PReq|PRes")
            .build(), v -> new Erro("Erro", ThreeDsMessage.VERSION, v.get("threeDSServerTransID"),
                    v.get("dsTransID"), v.get("acsTransID"), v.get("errorCode"), v.get("errorComponent"),
                    v.get("errorDescription"), v.get("errorDetail"), v.get("errorMessageType")));

    private static final Map<Class<?>, MessageSpec<?>> SPECS = Map.of(AReq.class, AREQ, ARes.class, ARES,
            CReq.class, CREQ, CRes.class, CRES, RReq.class, RREQ, RRes.class, RRES, Erro.class, ERRO);

    private MessageSpecs() {
    }

    @SuppressWarnings("unchecked")
    static <T extends ThreeDsMessage> MessageSpec<T> of(Class<T> type) {
        MessageSpec<?> spec = SPECS.get(type);
        if (spec == null) {
            throw new IllegalArgumentException("not a 3DS message type: " + type.getName());
        }
        return (MessageSpec<T>) spec;
    }

    /** Elements required only in some cases: acsURL with a challenge, transStatus once a challenge ends. */
    static String conditionalMissing(String messageType, Map<String, String> values) {
        if (messageType.equals("ARes") && "C".equals(values.get("transStatus")) && !values.containsKey("acsURL")) {
            return "acsURL";
        }
        if (messageType.equals("CRes") && "Y".equals(values.get("challengeCompletionInd"))
                && !values.containsKey("transStatus")) {
            return "transStatus";
        }
        return null;
    }

    private static MessageSpec.Builder common() {
        return MessageSpec.builder()
                .required("messageType", "AReq|ARes|CReq|CRes|RReq|RRes|Erro")
                .required("messageVersion", "2\\.2\\.0");
    }
}
