package io.healthstream.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request as the endpoints see it: decoded query parameters, the caller's Authorization header (passed on
 * when forwarding), whether another instance forwarded it, and the body of a write (empty for a read).
 */
record ApiRequest(
        String path, Map<String, String> query, Optional<String> authorization, boolean forwarded, String body) {
    ApiRequest {
        query = Map.copyOf(query);
    }

    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (query.put(name, value) != null) {
                throw new ApiException(400, "parameter '" + name + "' is given more than once");
            }
        }
        return query;
    }

    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "badly encoded URL: " + e.getMessage());
        }
    }

    Optional<String> param(String name) {
        return Optional.ofNullable(query.get(name));
    }

    /** The {@code limit} parameter, a whole number from 1 to {@code max}; {@code defaultLimit} when not given. */
    int limit(int defaultLimit, int max) {
        Optional<String> text = param("limit");
        if (text.isEmpty()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text.get());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(400, "limit must be a whole number from 1 to " + max + ", got '" + text.get() + "'");
    }
}
