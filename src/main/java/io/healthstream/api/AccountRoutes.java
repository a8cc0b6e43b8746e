package io.healthstream.api;

import io.healthstream.query.AccountAnswer;
import io.healthstream.query.AccountPage;
import io.healthstream.query.AccountQueries;
import io.healthstream.query.Caller;
import io.healthstream.scoring.Band;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code GET /accounts/{id}} and {@code GET /accounts}: the parameters checked, the answers of {@link AccountQueries} as JSON. */
final class AccountRoutes {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final String LOCAL_SCOPE = "local";

    private final AccountQueries accounts;

    AccountRoutes(AccountQueries accounts) {
        this.accounts = accounts;
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
}
