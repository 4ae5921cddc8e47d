package io.bastion.threeds;

/** Well-formed example messages for the tests. */
final class MessageSamples {

    static final String SERVER_ID = "8a880dc0-d2d2-4067-bcb1-b08d1690b26e";
    static final String DS_ID = "c4b5a1f0-1c4a-4b7e-9f0e-2a3b4c5d6e7f";
    static final String ACS_ID = "d7c1ee99-9478-44a6-b1f2-391e29c6b340";

    static final String AREQ = """
            {"messageType":"AReq","messageVersion":"2.2.0","threeDSServerTransID":"%s",
             "deviceChannel":"02","messageCategory":"01","acctNumber":"tok_4000000000000002",
             "purchaseAmount":"1250","purchaseCurrency":"978","purchaseExponent":"2",
             "merchantName":"Corner Bakery","acquirerMerchantID":"biz_abc123","mcc":"5462",
             "merchantCountryCode":"276","deviceInfo":"dev_known"}""".formatted(SERVER_ID);

    static final String ARES = """
            {"messageType":"ARes","messageVersion":"2.2.0","threeDSServerTransID":"%s","dsTransID":"%s",
             "acsTransID":"%s","transStatus":"C","acsURL":"https://localhost/threeds/challenge/%s"}"""
            .formatted(SERVER_ID, DS_ID, ACS_ID, ACS_ID);

    static final String CREQ = """
            {"messageType":"CReq","messageVersion":"2.2.0","threeDSServerTransID":"%s","acsTransID":"%s",
             "challengeWindowSize":"05","challengeDataEntry":"123456"}""".formatted(SERVER_ID, ACS_ID);

    static final String CRES = """
            {"messageType":"CRes","messageVersion":"2.2.0","threeDSServerTransID":"%s","acsTransID":"%s",
             "challengeCompletionInd":"Y","transStatus":"Y"}""".formatted(SERVER_ID, ACS_ID);

    static final String RREQ = """
            {"messageType":"RReq","messageVersion":"2.2.0","threeDSServerTransID":"%s","dsTransID":"%s",
             "acsTransID":"%s","messageCategory":"01","transStatus":"N","transStatusReason":"19",
             "challengeCancel":"04"}""".formatted(SERVER_ID, DS_ID, ACS_ID);

    static final String RRES = """
            {"messageType":"RRes","messageVersion":"2.2.0","threeDSServerTransID":"%s","dsTransID":"%s",
             "acsTransID":"%s","resultsStatus":"01"}""".formatted(SERVER_ID, DS_ID, ACS_ID);

    static final String ERRO = """
            {"messageType":"Erro","messageVersion":"2.2.0","errorCode":"201","errorComponent":"D",
             "errorDescription":"Required Data Element Missing","errorDetail":"acctNumber",
             "errorMessageType":"AReq"}""";

    private MessageSamples() {
    }
}
