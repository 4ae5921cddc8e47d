package io.bastion.threeds;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The Directory Server: validates each AReq, assigns the dsTransID, routes it by card range to the ACS
 * that serves the range, and relays RReqs to the 3DS Server. Calls are in-process but always pass through
 * the JSON documents, so an external DS or ACS could stand in for ours.
 */
final class DirectoryServer {

    private final List<CardRange> ranges;
    private final List<CardRangeLookup> rangeLookups;
    private final ObjectProvider<AccessControlServer> acs;
    private final ObjectProvider<ThreeDsServer> server;

    DirectoryServer(List<CardRange> ranges, List<CardRangeLookup> rangeLookups, ObjectProvider<AccessControlServer> acs,
            ObjectProvider<ThreeDsServer> server) {
        this.ranges = List.copyOf(ranges);
        this.rangeLookups = List.copyOf(rangeLookups);
        this.acs = Objects.requireNonNull(acs, "acs");
        this.server = Objects.requireNonNull(server, "server");
    }

    /** Receives an AReq document and answers the ACS's ARes, or an Erro document. */
    String authenticate(String areqJson) {
        ParseResult<AReq> parsed = ThreeDsMessages.parse(areqJson, AReq.class);
        if (parsed instanceof ParseResult.Refused<AReq>(Erro error)) {
            return ThreeDsMessages.write(error);
        }
        AReq areq = ((ParseResult.Valid<AReq>) parsed).message();
        Optional<CardRange> range = rangeOf(areq.account());
        AccessControlServer target = acs.getObject();
        if (range.isEmpty() || !target.serves(range.get().acsName())) {
            return ThreeDsMessages.write(new Erro("Erro", ThreeDsMessage.VERSION, areq.threeDSServerTransID(), null,
                    null, Erro.TRANSACTION_DATA_INVALID, "D", Erro.CARD_RANGE_NOT_PARTICIPATING, "acctNumber", "AReq"));
        }
        String forwarded = ThreeDsMessages.write(areq.withDsTransID(UUID.randomUUID().toString()));
        String answer = target.authenticate(range.get().acsName(), forwarded);
        // The DS checks the ACS's answer too before relaying it.
        ParseResult<ARes> ares = ThreeDsMessages.parse(answer, ARes.class);
        return ares instanceof ParseResult.Valid<ARes> ? answer : answer(answer);
    }

    /** Relays an RReq document to the 3DS Server and answers its RRes, or an Erro document. */
    String results(String rreqJson) {
        ParseResult<RReq> parsed = ThreeDsMessages.parse(rreqJson, RReq.class);
        if (parsed instanceof ParseResult.Refused<RReq>(Erro error)) {
            return ThreeDsMessages.write(error);
        }
        return server.getObject().results(rreqJson);
    }

    Optional<CardRange> rangeOf(AccountToken token) {
        for (CardRangeLookup lookup : rangeLookups) {
            Optional<String> bin = lookup.bin(token);
            if (bin.isPresent()) {
                return ranges.stream().filter(r -> r.contains(bin.get())).findFirst();
            }
        }
        return Optional.empty();
    }

    private static String answer(String acsAnswer) {
        ParseResult<Erro> erro = ThreeDsMessages.parse(acsAnswer, Erro.class);
        return erro instanceof ParseResult.Valid<Erro> ? acsAnswer : ThreeDsMessages.write(Erro.of(
                Erro.MESSAGE_RECEIVED_INVALID, 'D', "Message Received Invalid", "ARes", "ARes"));
    }
}
