package io.healthstream.api;

import io.healthstream.query.AccountAnswer;
import io.healthstream.query.AccountPage;
import io.healthstream.query.AccountQueries;
import io.healthstream.query.Caller;
import io.healthstream.query.HistoryAnswer;
import io.healthstream.scoring.Band;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code GET /accounts/{id}}, {@code GET /accounts/{id}/history} and {@code GET /accounts}: the parameters checked,
 * the answers of {@link AccountQueries} as JSON.
 */
final class AccountRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final Duration DEFAULT_HISTORY_SPAN = Duration.ofDays(90);
    static final int DEFAULT_HISTORY_LIMIT = 500;
    static final int MAX_HISTORY_LIMIT = 5_000;
    private static final String LOCAL_SCOPE = "local";

    private final AccountQueries accounts;
    private final Clock clock;

    /** {@code clock} only places the default span of a history question (the last 90 days). */
    AccountRoutes(AccountQueries accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    ApiResponse account(ApiRequest request, String accountId) {
        AccountAnswer answer = accounts.account(accountId, caller(request));
        if (answer instanceof AccountAnswer.Found found) {
            return ApiResponse.json(200, found.account());
        }
        if (answer instanceof AccountAnswer.Forwarded forwarded) {
            return ApiResponse.passedOn(forwarded.answer());
        }
        return ApiResponse.error(404, "unknown account: " + accountId);
    }

    ApiResponse history(ApiRequest request, String accountId) {
        Instant to = request.param("to").map(text -> instant("to", text)).orElseGet(clock::instant);
        Instant from = request.param("from").map(text -> instant("from", text)).orElse(to.minus(DEFAULT_HISTORY_SPAN));
        if (from.isAfter(to)) {
            throw new ApiException(400, "from (" + from + ") must not be after to (" + to + ")");
        }
        int limit = request.limit(DEFAULT_HISTORY_LIMIT, MAX_HISTORY_LIMIT);
        HistoryAnswer answer = accounts.history(accountId, from, to, limit, caller(request));
        if (answer instanceof HistoryAnswer.Found found) {
            return ApiResponse.json(200, found.history());
        }
        if (answer instanceof HistoryAnswer.Forwarded forwarded) {
            return ApiResponse.passedOn(forwarded.answer());
        }
        return ApiResponse.error(404, "unknown account: " + accountId);
    }

    ApiResponse accounts(ApiRequest request) {
        Optional<Band> band = request.param("band").map(AccountRoutes::band);
        int limit = request.limit(DEFAULT_LIMIT, MAX_LIMIT);
        Optional<String> after = request.param("cursor").map(AccountPage::accountIdOf);
        boolean localOnly = request.param("scope").filter(LOCAL_SCOPE::equals).isPresent();
        return ApiResponse.json(200, accounts.accounts(band, after, limit, localOnly, caller(request)));
    }

    private static Caller caller(ApiRequest request) {
        return new Caller(request.authorization(), request.forwarded());
    }

    private static Band band(String text) {
        try {
            return Band.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "band must be one of " + List.of(Band.values()) + ", got '" + text + "'");
        }
    }

    private static Instant instant(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiException(
                    400, name + " must be an ISO-8601 instant such as 2026-11-30T00:00:00Z, got '" + text + "'");
        }
    }
}
