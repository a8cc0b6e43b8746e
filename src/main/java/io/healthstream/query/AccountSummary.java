package io.healthstream.query;

import io.healthstream.avro.StoredAccount;

/** One line of {@code GET /accounts}: the band and score last published, and the billing facts. */
public record AccountSummary(
        String accountId, String band, Double score, long mrr, String currency, String billingStatus) {
    static AccountSummary of(String accountId, StoredAccount stored) {
        return new AccountSummary(
                accountId,
                stored.getLastBand() == null ? null : stored.getLastBand().name(),
                stored.getLastScore(),
                stored.getMrr(),
                stored.getCurrency(),
                stored.getBilling().name());
    }
}
