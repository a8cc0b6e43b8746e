package io.healthstream.ingest;

import io.healthstream.avro.SubscriptionEventType;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code customer.subscription.updated} changed, from the items before ({@code previous_attributes}) to the
 * items now, as steps applied one after the other so each step's MRR starts where the last ended: the plan's price
 * (an upgrade when MRR rises or stays, a downgrade when it falls), then the seats (the plan item's quantity), then
 * each add-on added, removed or resized (added when its MRR rises, removed when it falls).
 */
final class StripeUpdate {
    private StripeUpdate() {}

    static List<StripeChange> changes(StripeItems before, StripeItems now) {
        List<StripeChange> changes = new ArrayList<>();
        StripeItems state = before;
        if (!state.plan().priceId().equals(now.plan().priceId())) {
            StripeItems next = state.withPlan(now.plan());
            changes.add(StripeChange.of(
                    next.mrr() < state.mrr()
                            ? SubscriptionEventType.PLAN_DOWNGRADED
                            : SubscriptionEventType.PLAN_UPGRADED,
                    state,
                    next,
                    "/plan"));
            state = next;
        }
        if (state.seats() != now.seats()) {
            StripeItems next = state.withSeats(now.seats());
            changes.add(StripeChange.of(
                    now.seats() > state.seats()
                            ? SubscriptionEventType.SEATS_ADDED
                            : SubscriptionEventType.SEATS_REMOVED,
                    state,
                    next,
                    "/seats"));
            state = next;
        }
        for (String priceId : state.addonIdsWith(now)) {
            StripeItem was = state.addons().get(priceId);
            StripeItem is = now.addons().get(priceId);
            if (was != null && is != null && was.quantity() == is.quantity()) {
                continue;
            }
            StripeItems next = state.withAddon(priceId, is);
            changes.add(StripeChange.of(
                            next.mrr() < state.mrr() || is == null
                                    ? SubscriptionEventType.ADDON_REMOVED
                                    : SubscriptionEventType.ADDON_ADDED,
                            state,
                            next,
                            "/addon/" + priceId)
                    .withAddon((is == null ? was : is).name()));
            state = next;
        }
        return changes;
    }
}
