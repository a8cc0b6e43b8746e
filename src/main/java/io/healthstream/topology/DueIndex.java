package io.healthstream.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One task's accounts by the next moment time alone changes them, so the punctuator visits only the
 * accounts that are due instead of every account in the store. Kept in memory and rebuilt from the
 * store when the task starts; it only says where to look, the store stays the truth.
 */
final class DueIndex {
    /** An account due at a moment. */
    record Due(String accountId, Instant at) {}

    private final NavigableMap<Instant, Set<String>> byTime = new TreeMap<>();
    private final Map<String, Instant> byAccount = new HashMap<>();

    /** Records when {@code accountId} is next due, or that it is not ({@code next} empty). */
    void set(String accountId, Optional<Instant> next) {
        if (next.equals(Optional.ofNullable(byAccount.get(accountId)))) {
            return; // most events leave the next due moment where it was
        }
        Instant previous = next.isPresent() ? byAccount.put(accountId, next.get()) : byAccount.remove(accountId);
        if (previous != null) {
            Set<String> accounts = byTime.get(previous);
            accounts.remove(accountId);
            if (accounts.isEmpty()) {
                byTime.remove(previous);
            }
        }
        next.ifPresent(
                at -> byTime.computeIfAbsent(at, t -> new LinkedHashSet<>()).add(accountId));
    }

    /** When {@code accountId} is next due, or null when it is not. */
    Instant nextDue(String accountId) {
        return byAccount.get(accountId);
    }

    /** The accounts due strictly before {@code limit}, earliest first. */
    List<Due> dueBefore(Instant limit) {
        List<Due> due = new ArrayList<>();
        byTime.headMap(limit, false)
                .forEach((at, accounts) -> accounts.forEach(account -> due.add(new Due(account, at))));
        return due;
    }

    int size() {
        return byAccount.size();
    }
}
