package io.healthstream.ingest;

import io.healthstream.avro.SubscriptionEventType;

/**
 * One step of a subscription's change, in healthstream's terms: what happened, the items after it, the MRR before
 * and after, the add-on concerned, and the suffix its event id takes after the Stripe event id (empty for the first).
 */
record StripeChange(
        SubscriptionEventType type, StripeItems after, long mrrBefore, long mrrAfter, String addon, String idSuffix) {
    static StripeChange of(SubscriptionEventType type, StripeItems before, StripeItems after, String idSuffix) {
        return new StripeChange(type, after, before.mrr(), after.mrr(), null, idSuffix);
    }

    StripeChange withAddon(String name) {
        return new StripeChange(type, after, mrrBefore, mrrAfter, name, idSuffix);
    }
}
