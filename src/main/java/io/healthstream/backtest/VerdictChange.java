package io.healthstream.backtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An account whose verdict differs between two models of one export. */
public record VerdictChange(String accountId, Verdict from, Verdict to) {
    /** The accounts judged differently by {@code a} and {@code b}, by account id. */
    public static List<VerdictChange> between(Figures a, Figures b) {
        Map<String, AccountVerdict> other =
                b.verdicts().stream().collect(Collectors.toMap(AccountVerdict::accountId, Function.identity()));
        List<VerdictChange> changes = new ArrayList<>();
        for (AccountVerdict verdict : a.verdicts()) {
            AccountVerdict then = other.get(verdict.accountId());
            if (then != null && then.verdict() != verdict.verdict()) {
                changes.add(new VerdictChange(verdict.accountId(), verdict.verdict(), then.verdict()));
            }
        }
        return changes;
    }
}
