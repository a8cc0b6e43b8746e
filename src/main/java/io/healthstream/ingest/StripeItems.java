package io.healthstream.ingest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subscription's items read as healthstream's contract: the first licensed (not metered) item is the plan and
 * its quantity the seats; every other item is an add-on, keyed by price id. MRR is the sum over all items.
 */
record StripeItems(StripeItem plan, Map<String, StripeItem> addons) {
    StripeItems {
        addons = Collections.unmodifiableMap(new LinkedHashMap<>(addons));
    }

    static StripeItems of(List<StripeItem> items) {
        StripeItem plan = items.stream()
                .filter(item -> !item.metered())
                .findFirst()
                .or(() -> items.stream().findFirst())
                .orElseThrow(() -> new InvalidPayloadException("the subscription has no items"));
        Map<String, StripeItem> addons = new LinkedHashMap<>();
        items.stream().filter(item -> item != plan).forEach(item -> addons.put(item.priceId(), item));
        return new StripeItems(plan, addons);
    }

    long mrr() {
        return plan.mrr() + addons.values().stream().mapToLong(StripeItem::mrr).sum();
    }

    int seats() {
        return plan.quantity();
    }

    /** These items with {@code newPlan} as the plan, keeping the seats: the first step of a plan change. */
    StripeItems withPlan(StripeItem newPlan) {
        return new StripeItems(newPlan.withQuantity(plan.quantity()), addons);
    }

    StripeItems withSeats(int seats) {
        return new StripeItems(plan.withQuantity(seats), addons);
    }

    StripeItems withAddon(String priceId, StripeItem addon) {
        Map<String, StripeItem> more = new LinkedHashMap<>(addons);
        if (addon == null) {
            more.remove(priceId);
        } else {
            more.put(priceId, addon);
        }
        return new StripeItems(plan, more);
    }

    /** Price ids of the add-ons either set has, those of {@code this} first. */
    List<String> addonIdsWith(StripeItems other) {
        List<String> ids = new ArrayList<>(addons.keySet());
        other.addons.keySet().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }
}
