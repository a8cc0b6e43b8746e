package io.healthstream.api;

import io.healthstream.avro.StoredAccountState;

/** One line of {@code GET /accounts}: the band and score last published, and the billing facts. */
record AccountSummary(String accountId, String band, Double score, long mrr, String currency, String billingStatus) {
    static AccountSummary of(StoredAccountState stored) {
        return new AccountSummary(stored.getAccountId(), stored.getLastBand(), stored.getLastScore(), stored.getMrr(),
                stored.getCurrency(), stored.getBillingStatus());
    }
}
