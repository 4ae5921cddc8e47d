package io.bastion.wallet;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a SEPA credit transfer initiation (pain.001.001.09), one payment information block per currency.
 * Amounts are written from minor units as text, so no binary or decimal number type ever touches them;
 * the tests read the file back with prowide's pain.001.001.09 binding.
 */
final class Pain001Writer {

    static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

    private Pain001Writer() {
    }

    /** A held payout as it goes into the file. */
    record Payout(String endToEndId, long amountMinor, String currency, String creditorName, String creditorIban,
                  String reference) {
    }

    static byte[] write(String messageId, Instant createdAt, String debtorName, String debtorIban, List<Payout> payouts) {
        Map<String, List<Payout>> byCurrency = new TreeMap<>();
        payouts.forEach(p -> byCurrency.computeIfAbsent(p.currency(), c -> new java.util.ArrayList<>()).add(p));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("Document");
            w.writeDefaultNamespace(NAMESPACE);
            w.writeStartElement("CstmrCdtTrfInitn");
            w.writeStartElement("GrpHdr");
            text(w, "MsgId", messageId);
            text(w, "CreDtTm", createdAt.truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).toString());
            text(w, "NbOfTxs", Integer.toString(payouts.size()));
            w.writeStartElement("InitgPty");
            text(w, "Nm", debtorName);
            w.writeEndElement();
            w.writeEndElement();
            LocalDate executionDate = LocalDate.ofInstant(createdAt, ZoneOffset.UTC);
            for (Map.Entry<String, List<Payout>> group : byCurrency.entrySet()) {
                paymentInformation(w, messageId + "-" + group.getKey(), executionDate, debtorName, debtorIban, group.getValue());
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write a pain.001 file", e);
        }
        return out.toByteArray();
    }

    private static void paymentInformation(XMLStreamWriter w, String id, LocalDate date, String debtorName, String debtorIban,
                                           List<Payout> payouts) throws XMLStreamException {
        String currency = payouts.getFirst().currency();
        long sum = payouts.stream().mapToLong(Payout::amountMinor).reduce(0, Math::addExact);
        w.writeStartElement("PmtInf");
        text(w, "PmtInfId", id);
        text(w, "PmtMtd", "TRF");
        text(w, "NbOfTxs", Integer.toString(payouts.size()));
        text(w, "CtrlSum", MinorUnits.format(sum, currency));
        w.writeStartElement("PmtTpInf");
        w.writeStartElement("SvcLvl");
        text(w, "Cd", "SEPA");
        w.writeEndElement();
        w.writeEndElement();
        w.writeStartElement("ReqdExctnDt");
        text(w, "Dt", date.toString());
        w.writeEndElement();
        party(w, "Dbtr", debtorName);
        account(w, "DbtrAcct", debtorIban);
        w.writeStartElement("DbtrAgt");
        w.writeStartElement("FinInstnId");
        w.writeStartElement("Othr");
        text(w, "Id", "NOTPROVIDED");
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
        text(w, "ChrgBr", "SLEV");
        for (Payout p : payouts) {
            transaction(w, p);
        }
        w.writeEndElement();
    }

    private static void transaction(XMLStreamWriter w, Payout p) throws XMLStreamException {
        w.writeStartElement("CdtTrfTxInf");
        w.writeStartElement("PmtId");
        text(w, "EndToEndId", p.endToEndId());
        w.writeEndElement();
        w.writeStartElement("Amt");
        w.writeStartElement("InstdAmt");
        w.writeAttribute("Ccy", p.currency());
        w.writeCharacters(MinorUnits.format(p.amountMinor(), p.currency()));
        w.writeEndElement();
        w.writeEndElement();
        party(w, "Cdtr", p.creditorName());
        account(w, "CdtrAcct", p.creditorIban());
        w.writeStartElement("RmtInf");
        text(w, "Ustrd", p.reference());
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void party(XMLStreamWriter w, String element, String name) throws XMLStreamException {
        w.writeStartElement(element);
        text(w, "Nm", name);
        w.writeEndElement();
    }

    private static void account(XMLStreamWriter w, String element, String iban) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeStartElement("Id");
        text(w, "IBAN", iban);
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void text(XMLStreamWriter w, String element, String value) throws XMLStreamException {
        w.writeStartElement(element);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
