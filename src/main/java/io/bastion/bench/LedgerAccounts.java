package io.bastion.bench;

import io.bastion.ledger.AccountCode;
import io.bastion.ledger.AccountRequest;
import io.bastion.ledger.AccountResult;
import io.bastion.ledger.Ledger;
import io.bastion.ledger.TransferRequest;
import io.bastion.ledger.TransferResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger accounts the bench moves money between: customer e-money accounts that may not go below
 * zero, funded from a safeguarding account, and one merchant account for the hot-account phase.
 */
final class LedgerAccounts {

    static final long OPENING_BALANCE = 1_000_000_000_000L;
    static final long AMOUNT_MAX = 1000;

    private final Ledger ledger;
    private final String run;
    private final String[] customers;
    private final String merchant;
    private final AtomicLong ids = new AtomicLong();

    LedgerAccounts(Ledger ledger, int count, String run) {
        this.ledger = ledger;
        this.run = run;
        this.customers = new String[count];
        for (int i = 0; i < count; i++) {
            customers[i] = "b" + run + "_c" + i;
        }
        this.merchant = "b" + run + "_merchant";
        open();
    }

    private void open() {
        String funding = "b" + run + "_funding";
        List<AccountRequest> requests = new ArrayList<>();
        requests.add(AccountRequest.of(funding, "EUR", AccountCode.SAFEGUARDING_BANK.code()));
        requests.add(AccountRequest.of(merchant, "EUR", AccountCode.MERCHANT_BALANCE.code()));
        for (String customer : customers) {
            requests.add(AccountRequest.debitsMustNotExceedCredits(customer, "EUR", AccountCode.CUSTOMER_EMONEY.code()));
        }
        for (List<AccountRequest> chunk : chunks(requests, Ledger.BATCH_ACCOUNTS_MAX)) {
            for (AccountResult result : ledger.createAccounts(chunk)) {
                require(result.outcome().ok(), "cannot open bench account " + result.id() + ": " + result.outcome());
            }
        }
        List<TransferRequest> funding0 = new ArrayList<>();
        for (String customer : customers) {
            funding0.add(TransferRequest.of(nextId(), funding, customer, OPENING_BALANCE));
        }
        for (List<TransferRequest> chunk : chunks(funding0, Ledger.BATCH_TRANSFERS_MAX)) {
            for (TransferResult result : ledger.submit(chunk)) {
                require(result.outcome().ok(), "cannot fund bench account: " + result.outcome());
            }
        }
    }

    String nextId() {
        return "b" + run + "_" + ids.incrementAndGet();
    }

    /** A transfer between two random customers, or from a random customer to the merchant when {@code hot}. */
    TransferRequest random(ThreadLocalRandom random, boolean hot) {
        int from = random.nextInt(customers.length);
        String to = hot ? merchant : customers[(from + 1 + random.nextInt(customers.length - 1)) % customers.length];
        return TransferRequest.of(nextId(), customers[from], to, 1 + random.nextLong(AMOUNT_MAX));
    }

    /** Submits {@code size} random transfers in one call and answers how many the ledger created. */
    int submit(ThreadLocalRandom random, int size) {
        List<TransferRequest> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(random(random, false));
        }
        int created = 0;
        for (TransferResult result : ledger.submit(batch)) {
            if (result.outcome().ok()) {
                created++;
            }
        }
        return created;
    }

    private static <T> List<List<T>> chunks(List<T> all, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += size) {
            chunks.add(all.subList(i, Math.min(all.size(), i + size)));
        }
        return chunks;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
