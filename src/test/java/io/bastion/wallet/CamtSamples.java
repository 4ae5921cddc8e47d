package io.bastion.wallet;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Builds camt.053.001.08 statements and camt.054.001.08 notifications on the dev safeguarding account. */
final class CamtSamples {

    static final String SAFEGUARDING_IBAN = "DE89370400440532013000";

    private CamtSamples() {
    }

    /** One entry: amount as the bank writes it, CRDT or DBIT, and the remittance text or end-to-end id. */
    record Entry(String ref, String amount, String creditDebit, String remittance, String endToEndId, boolean returned) {

        static Entry credit(String amount, String remittance) {
            return new Entry(freshRef(), amount, "CRDT", remittance, null, false);
        }

        static Entry payoutDebit(String amount, String endToEndId) {
            return new Entry(freshRef(), amount, "DBIT", "", endToEndId, false);
        }

        static Entry payoutReturn(String amount, String endToEndId) {
            return new Entry(freshRef(), amount, "CRDT", "", endToEndId, true);
        }
    }

    static String freshRef() {
        return "R" + UUID.randomUUID().toString().replace("-", "").substring(0, 20).toUpperCase();
    }

    static byte[] statement(String closingAmount, List<Entry> entries) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
                  <BkToCstmrStmt>
                    <GrpHdr><MsgId>MSG%s</MsgId><CreDtTm>2026-11-21T10:00:00Z</CreDtTm></GrpHdr>
                    <Stmt>
                      <Id>STMT%s</Id>
                      <CreDtTm>2026-11-21T10:00:00Z</CreDtTm>
                      <Acct><Id><IBAN>%s</IBAN></Id><Ccy>EUR</Ccy></Acct>
                      <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="EUR">%s</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2026-11-20</Dt></Dt></Bal>
                """.formatted(freshRef(), freshRef(), SAFEGUARDING_IBAN, closingAmount));
        entries.forEach(e -> xml.append(entry(e)));
        xml.append("""
                    </Stmt>
                  </BkToCstmrStmt>
                </Document>
                """);
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] notification(List<Entry> entries) {
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.08">
                  <BkToCstmrDbtCdtNtfctn>
                    <GrpHdr><MsgId>MSG%s</MsgId><CreDtTm>2026-11-21T10:00:00Z</CreDtTm></GrpHdr>
                    <Ntfctn>
                      <Id>NTF%s</Id>
                      <Acct><Id><IBAN>%s</IBAN></Id></Acct>
                """.formatted(freshRef(), freshRef(), SAFEGUARDING_IBAN));
        entries.forEach(e -> xml.append(entry(e)));
        xml.append("""
                    </Ntfctn>
                  </BkToCstmrDbtCdtNtfctn>
                </Document>
                """);
        return xml.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String entry(Entry e) {
        String refs = e.endToEndId() == null ? "" : "<Refs><EndToEndId>" + e.endToEndId() + "</EndToEndId></Refs>";
        String rtr = e.returned() ? "<RtrInf><Rsn><Cd>AC04</Cd></Rsn></RtrInf>" : "";
        String rmt = e.remittance().isEmpty() ? "" : "<RmtInf><Ustrd>" + e.remittance() + "</Ustrd></RmtInf>";
        String parties = "CRDT".equals(e.creditDebit()) ? "<RltdPties><Dbtr><Pty><Nm>Ada Sender</Nm></Pty></Dbtr></RltdPties>" : "";
        return """
                      <Ntry>
                        <Amt Ccy="EUR">%s</Amt>
                        <CdtDbtInd>%s</CdtDbtInd>
                        <Sts><Cd>BOOK</Cd></Sts>
                        <BookgDt><Dt>2026-11-20</Dt></BookgDt>
                        <AcctSvcrRef>%s</AcctSvcrRef>
                        <BkTxCd/>
                        <NtryDtls><TxDtls>%s%s%s%s</TxDtls></NtryDtls>
                      </Ntry>
                """.formatted(e.amount(), e.creditDebit(), e.ref(), refs, parties, rmt, rtr);
    }
}
