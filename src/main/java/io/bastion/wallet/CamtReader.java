package io.bastion.wallet;

import com.prowidesoftware.swift.model.mx.MxCamt05300108;
import com.prowidesoftware.swift.model.mx.MxCamt05400108;
import com.prowidesoftware.swift.model.mx.dic.AccountStatement9;
import com.prowidesoftware.swift.model.mx.dic.AccountNotification17;
import com.prowidesoftware.swift.model.mx.dic.CashAccount39;
import com.prowidesoftware.swift.model.mx.dic.CashBalance8;
import com.prowidesoftware.swift.model.mx.dic.CreditDebitCode;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads camt.053.001.08 statements and camt.054.001.08 notifications. A StAX pass with DTDs and external
 * entities switched off comes first: it refuses any DOCTYPE (so no entity, internal or external, is ever
 * expanded), checks well-formedness, depth and size, and notes the line of each entry; only then does
 * prowide's JAXB binding read the content, and every entry is checked before anything is changed.
 */
final class CamtReader {

    static final int FILE_BYTES_MAX = 8 * 1024 * 1024;
    static final int ENTRIES_MAX = 10_000;
    static final int DEPTH_MAX = 40;
    static final String CAMT053 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";
    static final String CAMT054 = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08";

    private CamtReader() {
    }

    /** Scans the file safely; answers the root namespace, and the lines of Stmt/Ntfctn and Ntry elements in order. */
    record Scan(String namespace, List<Integer> accountLines, List<Integer> entryLines) {
    }

    static BankStatementFile read(byte[] content, String safeguardingIban, Set<String> currencies) throws MalformedBankFile {
        Scan scan = scan(content);
        String xml = new String(content, StandardCharsets.UTF_8);
        List<AccountPart> parts = switch (scan.namespace()) {
            case CAMT053 -> statements(xml);
            case CAMT054 -> notifications(xml);
            default -> throw new MalformedBankFile(1, "not a camt.053.001.08 or camt.054.001.08 document");
        };
        if (parts.size() != scan.accountLines().size()) {
            throw new MalformedBankFile(1, "the document's statements could not be read");
        }
        EntryChecks checks = new EntryChecks(safeguardingIban, currencies);
        List<BankEntry> entries = new ArrayList<>();
        List<BankStatementFile.Closing> closings = new ArrayList<>();
        int entryIndex = 0;
        for (int i = 0; i < parts.size(); i++) {
            AccountPart part = parts.get(i);
            int line = scan.accountLines().get(i);
            String iban = checks.account(part.account(), line);
            for (CashBalance8 balance : part.balances()) {
                BankStatementFile.Closing closing = checks.closing(balance, iban, line);
                if (closing != null) {
                    closings.add(closing);
                }
            }
            for (ReportEntry10 entry : part.entries()) {
                if (entryIndex >= scan.entryLines().size()) {
                    throw new MalformedBankFile(line, "the entries could not be read");
                }
                BankEntry checked = checks.entry(entry, scan.entryLines().get(entryIndex++));
                if (checked != null) {
                    entries.add(checked);
                }
            }
        }
        if (entryIndex != scan.entryLines().size()) {
            throw new MalformedBankFile(scan.entryLines().get(Math.min(entryIndex, scan.entryLines().size() - 1)),
                    "an entry could not be read");
        }
        checks.requireUniqueRefs(entries);
        return new BankStatementFile(scan.namespace().equals(CAMT053) ? "camt.053" : "camt.054", entries, closings);
    }

    record AccountPart(CashAccount39 account, List<CashBalance8> balances, List<ReportEntry10> entries) {
    }

    private static List<AccountPart> statements(String xml) throws MalformedBankFile {
        MxCamt05300108 mx = parseQuietly(() -> MxCamt05300108.parse(xml));
        if (mx == null || mx.getBkToCstmrStmt() == null) {
            throw new MalformedBankFile(1, "not a readable camt.053.001.08 statement");
        }
        List<AccountPart> parts = new ArrayList<>();
        for (AccountStatement9 s : mx.getBkToCstmrStmt().getStmt()) {
            parts.add(new AccountPart(s.getAcct(), s.getBal(), s.getNtry()));
        }
        return parts;
    }

    private static List<AccountPart> notifications(String xml) throws MalformedBankFile {
        MxCamt05400108 mx = parseQuietly(() -> MxCamt05400108.parse(xml));
        if (mx == null || mx.getBkToCstmrDbtCdtNtfctn() == null) {
            throw new MalformedBankFile(1, "not a readable camt.054.001.08 notification");
        }
        List<AccountPart> parts = new ArrayList<>();
        for (AccountNotification17 n : mx.getBkToCstmrDbtCdtNtfctn().getNtfctn()) {
            parts.add(new AccountPart(n.getAcct(), List.of(), n.getNtry()));
        }
        return parts;
    }

    private static <T> T parseQuietly(java.util.function.Supplier<T> parse) throws MalformedBankFile {
        try {
            return parse.get();
        } catch (RuntimeException e) {
            throw new MalformedBankFile(1, "the document does not match its ISO 20022 schema");
        }
    }

    static Scan scan(byte[] content) throws MalformedBankFile {
        if (content.length == 0 || content.length > FILE_BYTES_MAX) {
            throw new MalformedBankFile(1, "the file must have 1 to " + FILE_BYTES_MAX + " bytes");
        }
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(new ByteArrayInputStream(content));
            return walk(reader);
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? 1 : Math.max(e.getLocation().getLineNumber(), 1);
            throw new MalformedBankFile(line, "not well-formed XML");
        } finally {
            close(reader);
        }
    }

    private static Scan walk(XMLStreamReader reader) throws XMLStreamException, MalformedBankFile {
        String namespace = null;
        List<Integer> accounts = new ArrayList<>();
        List<Integer> entries = new ArrayList<>();
        int depth = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            int line = Math.max(reader.getLocation().getLineNumber(), 1);
            if (event == XMLStreamReader.DTD || event == XMLStreamReader.ENTITY_REFERENCE) {
                throw new MalformedBankFile(line, "a DOCTYPE or entity is not allowed");
            }
            if (event == XMLStreamReader.END_ELEMENT) {
                depth--;
            }
            if (event != XMLStreamReader.START_ELEMENT) {
                continue;
            }
            if (++depth > DEPTH_MAX) {
                throw new MalformedBankFile(line, "elements are nested too deeply");
            }
            String name = reader.getLocalName();
            if (namespace == null) {
                if (!"Document".equals(name)) {
                    throw new MalformedBankFile(line, "the root element must be Document");
                }
                namespace = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
            } else if ("Stmt".equals(name) || "Ntfctn".equals(name)) {
                accounts.add(line);
            } else if ("Ntry".equals(name) && entries.size() < ENTRIES_MAX) {
                entries.add(line);
            } else if ("Ntry".equals(name)) {
                throw new MalformedBankFile(line, "a file may hold at most " + ENTRIES_MAX + " entries");
            }
        }
        if (namespace == null) {
            throw new MalformedBankFile(1, "the file has no document");
        }
        return new Scan(namespace, accounts, entries);
    }

    private static void close(XMLStreamReader reader) {
        try {
            if (reader != null) {
                reader.close();
            }
        } catch (XMLStreamException ignored) {
            // Nothing is left to release from an in-memory stream.
        }
    }

    static boolean isCredit(CreditDebitCode code) {
        return code == CreditDebitCode.CRDT;
    }
}
