package io.bastion.threeds;

import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * The 3DS Server (merchant side): builds the AReq for a purchase, sends it through the Directory Server
 * and reads the answer; receives the RReq that ends a challenge and acknowledges it with an RRes.
 */
@Service
public final class ThreeDsServer {

    private final DirectoryServer directory;

    ThreeDsServer(DirectoryServer directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** A purchase to authenticate: the card as a vault token, the amount in minor units, numeric currency. */
    public record Purchase(AccountToken card, long amount, String currency, int exponent, String merchantId,
            String merchantName, String mcc, String merchantCountry, String deviceId) {
        public Purchase {
            Objects.requireNonNull(card, "card");
            if (amount < 0) {
                throw new IllegalArgumentException("amount must not be negative");
            }
        }
    }

    /** Sends an AReq for the purchase and answers the ARes, or the Erro that refused it. */
    public ParseResult<ARes> authenticate(Purchase purchase) {
        AReq areq = new AReq("AReq", ThreeDsMessage.VERSION, UUID.randomUUID().toString(), null, "02", "01",
                purchase.card().value(), Long.toString(purchase.amount()), purchase.currency(),
                Integer.toString(purchase.exponent()), purchase.merchantName(), purchase.merchantId(), purchase.mcc(),
                purchase.merchantCountry(), purchase.deviceId(), null);
        String answer = directory.authenticate(ThreeDsMessages.write(areq));
        ParseResult<ARes> ares = ThreeDsMessages.parse(answer, ARes.class);
        if (ares instanceof ParseResult.Valid<ARes>) {
            return ares;
        }
        ParseResult<Erro> erro = ThreeDsMessages.parse(answer, Erro.class);
        return erro instanceof ParseResult.Valid<Erro>(Erro error) ? new ParseResult.Refused<>(error) : ares;
    }

    /** Receives an RReq document and acknowledges it (resultsStatus 01), or answers an Erro document. */
    String results(String rreqJson) {
        ParseResult<RReq> parsed = ThreeDsMessages.parse(rreqJson, RReq.class);
        if (parsed instanceof ParseResult.Refused<RReq>(Erro error)) {
            return ThreeDsMessages.write(error);
        }
        RReq rreq = ((ParseResult.Valid<RReq>) parsed).message();
        return ThreeDsMessages.write(new RRes("RRes", ThreeDsMessage.VERSION, rreq.threeDSServerTransID(),
                rreq.dsTransID(), rreq.acsTransID(), "01"));
    }
}
