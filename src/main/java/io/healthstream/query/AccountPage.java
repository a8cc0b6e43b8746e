package io.healthstream.query;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A page of accounts in id order. {@code nextCursor} is opaque to callers (see {@link PageCursor})
 * and null on the last page. {@code partial} is true when the accounts of {@code missingPartitions} (their
 * instance did not answer) are left out.
 */
public record AccountPage(
        List<AccountSummary> accounts, String nextCursor, boolean partial, List<Integer> missingPartitions) {
    public AccountPage {
        accounts = List.copyOf(accounts);
        missingPartitions = missingPartitions == null ? List.of() : List.copyOf(missingPartitions);
    }

    /** A complete page. */
    AccountPage(List<AccountSummary> accounts, String nextCursor) {
        this(accounts, nextCursor, false, List.of());
    }

    /**
     * The first {@code limit} accounts of the given pages, each in id order and each cut at {@code limit}; partial
     * when one of them is, or when the accounts of {@code missing} partitions could not be asked for.
     */
    static AccountPage merge(List<AccountPage> pages, int limit, Collection<Integer> missing) {
        List<AccountSummary> all = pages.stream()
                .flatMap(p -> p.accounts().stream())
                .sorted(Comparator.comparing(AccountSummary::accountId))
                .toList();
        boolean more = all.size() > limit || pages.stream().anyMatch(p -> p.nextCursor() != null);
        List<AccountSummary> page = all.stream().limit(limit).toList();
        SortedSet<Integer> missingPartitions = new TreeSet<>(missing);
        pages.forEach(p -> missingPartitions.addAll(p.missingPartitions()));
        return new AccountPage(
                page,
                more && !page.isEmpty() ? cursorAfter(page.get(page.size() - 1).accountId()) : null,
                !missingPartitions.isEmpty() || pages.stream().anyMatch(AccountPage::partial),
                List.copyOf(missingPartitions));
    }

    /** The page of {@code sortedCandidates} (in id order) that fits in {@code limit}. */
    static AccountPage of(Stream<AccountSummary> sortedCandidates, int limit) {
        List<AccountSummary> firstAndOneMore =
                sortedCandidates.limit(limit + 1L).toList();
        List<AccountSummary> page = firstAndOneMore.stream().limit(limit).toList();
        return new AccountPage(
                page,
                firstAndOneMore.size() > limit
                        ? cursorAfter(page.get(page.size() - 1).accountId())
                        : null);
    }

    static String cursorAfter(String accountId) {
        return PageCursor.after(accountId);
    }

    /** The account id a cursor continues after; a cursor this API did not give out is a bad request. */
    public static String accountIdOf(String cursor) {
        return PageCursor.accountIdOf(cursor);
    }
}
