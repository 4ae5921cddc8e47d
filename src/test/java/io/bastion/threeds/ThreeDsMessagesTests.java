package io.bastion.threeds;

import static io.bastion.threeds.MessageSamples.AREQ;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreeDsMessagesTests {

    @Test
    void everyWellFormedMessageParsesAndWritesBackTheSameElements() {
        assertRoundTrip(AREQ, AReq.class);
        assertRoundTrip(MessageSamples.ARES, ARes.class);
        assertRoundTrip(MessageSamples.CREQ, CReq.class);
        assertRoundTrip(MessageSamples.CRES, CRes.class);
        assertRoundTrip(MessageSamples.RREQ, RReq.class);
        assertRoundTrip(MessageSamples.RRES, RRes.class);
        assertRoundTrip(MessageSamples.ERRO, Erro.class);
    }

    @Test
    void aMissingRequiredElementIsErro201NamingIt() {
        Erro error = refused(AREQ.replace("\"mcc\":\"5462\",", ""), AReq.class);
        assertThat(error.errorCode()).isEqualTo("201");
        assertThat(error.errorDetail()).isEqualTo("mcc");
        assertThat(error.errorComponent()).isEqualTo("D");
        assertThat(error.errorMessageType()).isEqualTo("AReq");
    }

    @Test
    void aMalformedTransactionIdIsErro203() {
        Erro error = refused(AREQ.replace(MessageSamples.SERVER_ID, "not-a-uuid"), AReq.class);
        assertThat(error.errorCode()).isEqualTo("203");
        assertThat(error.errorDetail()).isEqualTo("threeDSServerTransID");
    }

    @Test
    void anEnumerationValueOutsideTheSpecIsErro203() {
        assertThat(refused(MessageSamples.ARES.replace("\"transStatus\":\"C\"", "\"transStatus\":\"Q\""), ARes.class)
                .errorCode()).isEqualTo("203");
        assertThat(refused(AREQ.replace("\"purchaseCurrency\":\"978\"", "\"purchaseCurrency\":\"EUR\""), AReq.class)
                .errorCode()).isEqualTo("203");
        assertThat(refused(AREQ.replace("\"purchaseAmount\":\"1250\"", "\"purchaseAmount\":1250"), AReq.class)
                .errorCode()).isEqualTo("203");
    }

    @Test
    void anUnknownElementIsRefused() {
        Erro error = refused(AREQ.replace("{", "{\"cardholderPin\":\"1234\","), AReq.class);
        assertThat(error.errorCode()).isEqualTo("203");
        assertThat(error.errorDetail()).isEqualTo("cardholderPin");
    }

    @Test
    void aDuplicateElementIsErro204() {
        assertThat(refused(AREQ.replace("{", "{\"mcc\":\"5462\","), AReq.class).errorCode()).isEqualTo("204");
    }

    @Test
    void anUnsupportedVersionIsErro102() {
        assertThat(refused(AREQ.replace("2.2.0", "2.1.0"), AReq.class).errorCode()).isEqualTo("102");
    }

    @Test
    void aDocumentOfAnotherTypeOrNotJsonAtAllIsErro101() {
        assertThat(refused(MessageSamples.ARES, AReq.class).errorCode()).isEqualTo("101");
        assertThat(refused("{\"messageType\":", AReq.class).errorCode()).isEqualTo("101");
        assertThat(refused("[1,2]", AReq.class).errorCode()).isEqualTo("101");
        assertThat(refused("x".repeat(ThreeDsMessages.MESSAGE_BYTES_MAX + 1), AReq.class).errorCode()).isEqualTo("101");
    }

    @Test
    void aChallengeAnswerWithoutAnAcsUrlIsErro201() {
        Erro error = refused(MessageSamples.ARES.replaceAll(",\"acsURL\":\"[^\"]*\"", ""), ARes.class);
        assertThat(error.errorCode()).isEqualTo("201");
        assertThat(error.errorDetail()).isEqualTo("acsURL");
    }

    @Test
    void anErroMessageIsItselfAValidMessage() {
        Erro error = refused(AREQ.replace("\"mcc\":\"5462\",", ""), AReq.class);
        assertThat(ThreeDsMessages.parse(ThreeDsMessages.write(error), Erro.class))
                .isInstanceOf(ParseResult.Valid.class);
    }

    @Test
    void theAccountAndTheTypedCodeNeverAppearInToString() {
        AReq areq = valid(AREQ, AReq.class);
        assertThat(areq.toString()).doesNotContain("tok_4000000000000002").contains("0002");
        CReq creq = valid(MessageSamples.CREQ, CReq.class);
        assertThat(creq.toString()).doesNotContain("123456");
        assertThat(ThreeDsMessages.write(creq)).contains("\"challengeDataEntry\":\"123456\"");
    }

    private static <T extends ThreeDsMessage> void assertRoundTrip(String json, Class<T> type) {
        T message = valid(json, type);
        assertThat(valid(ThreeDsMessages.write(message), type)).isEqualTo(message);
    }

    static <T extends ThreeDsMessage> T valid(String json, Class<T> type) {
        ParseResult<T> result = ThreeDsMessages.parse(json, type);
        assertThat(result).isInstanceOf(ParseResult.Valid.class);
        return ((ParseResult.Valid<T>) result).message();
    }

    static Erro refused(String json, Class<? extends ThreeDsMessage> type) {
        ParseResult<?> result = ThreeDsMessages.parse(json, type);
        assertThat(result).isInstanceOf(ParseResult.Refused.class);
        return ((ParseResult.Refused<?>) result).error();
    }
}
