package io.healthstream.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AccountPageTest {
    @Test
    void aFullPageWithMoreToComeCarriesACursorAfterItsLastAccount() {
        AccountPage page = AccountPage.of(Stream.of(account("a"), account("b"), account("c")), 2);

        assertThat(page.accounts()).extracting(AccountSummary::accountId).containsExactly("a", "b");
        assertThat(AccountPage.accountIdOf(page.nextCursor())).isEqualTo("b");
    }

    @Test
    void theLastPageHasNoCursor() {
        assertThat(AccountPage.of(Stream.of(account("a"), account("b")), 2).nextCursor())
                .isNull();
    }

    @Test
    void pagesOfSeveralInstancesMergeInIdOrder() {
        AccountPage here = new AccountPage(List.of(account("acc-1"), account("acc-4")), null);
        AccountPage there = new AccountPage(List.of(account("acc-2"), account("acc-3")), null);

        AccountPage merged = AccountPage.merge(List.of(here, there), 3, List.of());

        assertThat(merged.accounts()).extracting(AccountSummary::accountId).containsExactly("acc-1", "acc-2", "acc-3");
        assertThat(AccountPage.accountIdOf(merged.nextCursor())).isEqualTo("acc-3");
    }

    @Test
    void anInstanceWithMoreKeepsTheMergedPageOpenEvenWhenItIsExactlyFull() {
        AccountPage here = new AccountPage(List.of(account("acc-1")), AccountPage.cursorAfter("acc-1"));
        AccountPage there = new AccountPage(List.of(account("acc-2")), null);

        assertThat(AccountPage.merge(List.of(here, there), 2, List.of()).nextCursor())
                .isNotNull();
        assertThat(AccountPage.merge(List.of(new AccountPage(List.of(account("acc-1")), null), there), 2, List.of())
                        .nextCursor())
                .isNull();
    }

    @Test
    void pagesOfTheInstancesThatAnsweredMakeAPartialPageNamingTheMissingPartitions() {
        AccountPage here = new AccountPage(List.of(account("acc-1"), account("acc-4")), null);

        AccountPage merged = AccountPage.merge(List.of(here), 50, List.of(3, 1));

        assertThat(merged.accounts()).extracting(AccountSummary::accountId).containsExactly("acc-1", "acc-4");
        assertThat(merged.partial()).isTrue();
        assertThat(merged.missingPartitions()).containsExactly(1, 3);
    }

    @Test
    void aPageIsCompleteWhenEveryInstanceAnswered() {
        AccountPage merged = AccountPage.merge(
                List.of(new AccountPage(List.of(account("acc-1")), null), new AccountPage(List.of(), null)),
                50,
                List.of());

        assertThat(merged.partial()).isFalse();
        assertThat(merged.missingPartitions()).isEmpty();
    }

    @Test
    void aPartialPageIsReadBackAsItWasWritten() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AccountPage partial =
                AccountPage.merge(List.of(new AccountPage(List.of(account("acc-1")), null)), 50, List.of(2));

        AccountPage read = json.readValue(json.writeValueAsBytes(partial), AccountPage.class);

        assertThat(read).isEqualTo(partial);
        assertThat(json.readTree(json.writeValueAsBytes(partial))
                        .path("partial")
                        .asBoolean())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "garbage", "", "YWNjLTE", "AAAAAAAAAAAAYWNjLTE"})
    @DisplayName("a cursor this API did not give out is a bad request, even when it is valid base64url")
    void aCursorThisApiDidNotGiveOutIsABadRequest(String cursor) {
        assertThatThrownBy(() -> AccountPage.accountIdOf(cursor))
                .isInstanceOfSatisfying(
                        QueryException.class, e -> assertThat(e.reason()).isEqualTo(QueryException.Reason.INVALID));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"acc-1", "a", "ünïcode/ïd%20", "an-account-id-with-a-few-more-characters-than-most-0123456789"})
    void everyCursorTheApiGivesOutLeadsBackToItsAccount(String accountId) {
        assertThat(AccountPage.accountIdOf(AccountPage.cursorAfter(accountId))).isEqualTo(accountId);
    }

    @Test
    void aCursorWithOneCharacterChangedIsRefused() {
        String cursor = AccountPage.cursorAfter("acc-12");
        String changed = cursor.substring(0, cursor.length() - 1) + (cursor.endsWith("A") ? "B" : "A");

        assertThatThrownBy(() -> AccountPage.accountIdOf(changed)).isInstanceOf(QueryException.class);
    }

    private static AccountSummary account(String id) {
        return new AccountSummary(id, "RED", 30.0, 9900, "USD", "ACTIVE");
    }
}
