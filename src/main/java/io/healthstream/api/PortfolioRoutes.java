package io.healthstream.api;

import io.healthstream.query.Caller;
import io.healthstream.query.PortfolioQueries;
import io.healthstream.scoring.TouchModel;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code GET /portfolio}: the filters checked, the answer of {@link PortfolioQueries} as JSON. */
final class PortfolioRoutes {
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 2000;
    private static final String LOCAL_SCOPE = "local";

    private final PortfolioQueries portfolio;

    PortfolioRoutes(PortfolioQueries portfolio) {
        this.portfolio = portfolio;
    }

    ApiResponse portfolio(ApiRequest request) {
        PortfolioQueries.Filter filter = new PortfolioQueries.Filter(
                request.param("touch_tier").filter(t -> !t.isEmpty()).map(PortfolioRoutes::touchTier),
                request.param("segment").filter(s -> !s.isEmpty()).map(this::segment));
        Optional<Instant> asOf = request.param("as_of").map(PortfolioRoutes::instant);
        int limit = request.limit(DEFAULT_LIMIT, MAX_LIMIT);
        boolean localOnly = request.param("scope").filter(LOCAL_SCOPE::equals).isPresent();
        return ApiResponse.json(
                200,
                portfolio.portfolio(
                        filter, asOf, limit, localOnly, new Caller(request.authorization(), request.forwarded())));
    }

    private static TouchModel touchTier(String text) {
        try {
            return TouchModel.valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(
                    400, "touch_tier must be one of " + List.of(TouchModel.values()) + ", got '" + text + "'");
        }
    }

    private String segment(String name) {
        if (!portfolio.segments().contains(name)) {
            throw new ApiException(400, "segment must be one of " + portfolio.segments() + ", got '" + name + "'");
        }
        return name;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ApiException(
                    400, "as_of must be an ISO-8601 instant like 2026-11-02T09:00:00Z, got '" + text + "'");
        }
    }
}
