package io.bastion.wallet;

/**
 * What importing a bank file did: credited wallets, parked in suspense, payouts confirmed or returned,
 * and entries already imported before (a re-imported file reports only those and changes nothing).
 */
public record ImportReport(String fileId, String kind, boolean fileSeenBefore, int credited, int suspense,
                           int payoutsPosted, int payoutsReturned, int alreadyImported, int ignored) {
}
