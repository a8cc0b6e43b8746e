package io.healthstream.query;

import io.healthstream.topology.AccountHistory;

/** The answer to "how did this account get here?": its history found here, unknown, or the owner's own answer. */
public sealed interface HistoryAnswer {
    /** The account's history, held by this instance. */
    record Found(AccountHistory history) implements HistoryAnswer {}

    /** No instance holds the account. */
    record Unknown(String accountId) implements HistoryAnswer {}

    /** Another instance owns the account; its answer, passed on as it came. */
    record Forwarded(Instances.Answer answer) implements HistoryAnswer {}
}
