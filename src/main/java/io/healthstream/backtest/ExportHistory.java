package io.healthstream.backtest;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Every scored account of an export with its history, and the export's last event time. */
public record ExportHistory(List<AccountHistory> accounts, Instant lastEventTime) {
    public ExportHistory {
        accounts = accounts.stream()
                .sorted(Comparator.comparing(AccountHistory::accountId))
                .toList();
    }
}
