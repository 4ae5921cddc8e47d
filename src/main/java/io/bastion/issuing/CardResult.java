package io.bastion.issuing;

/** A card created or changed, or the rule that stopped it. */
public record CardResult(Card card, CardRejection rejection) {

    static CardResult of(Card card) {
        return new CardResult(card, null);
    }

    static CardResult rejected(CardRejection rejection) {
        return new CardResult(null, rejection);
    }

    public boolean ok() {
        return rejection == null;
    }
}
