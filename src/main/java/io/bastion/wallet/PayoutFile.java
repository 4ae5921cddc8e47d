package io.bastion.wallet;

/** An exported pain.001.001.09 file of payouts for the safeguarding bank. */
public record PayoutFile(String fileId, String fileName, byte[] content, int payouts) {
}
