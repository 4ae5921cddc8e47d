package io.bastion.vault;

/** What keeps a token alive: retention never purges a token something of these kinds references. */
public enum ReferenceKind {
    ISSUED_CARD, MERCHANT_MANDATE
}
