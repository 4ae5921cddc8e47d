package io.bastion.acquiring;

import java.util.List;

/** A page of intents, newest first, with whether more follow after the last one. */
public record IntentPage(List<PaymentIntent> intents, boolean hasMore) {
}
