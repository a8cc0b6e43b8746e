package io.healthstream.app;

import io.healthstream.scoring.InvalidSettingException;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the HTTP endpoint listens and the bearer token it asks for. An empty or absent
 * {@code http.auth.token} means no token; port 0 picks a free port (tests).
 */
public record HttpSettings(String bind, int port, Optional<String> authToken) {
    public static final String PORT = "http.port";
    public static final String BIND = "http.bind";
    public static final String AUTH_TOKEN = "http.auth.token";

    // RFC 6750 token68 characters: anything else could not be sent in an Authorization header.
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final int MIN_TOKEN_LENGTH = 16;

    /** The token is never part of the text form, so the record can be logged. */
    @Override
    public String toString() {
        return "HttpSettings[bind=" + bind + ", port=" + port + ", authToken=" + authToken.map(t -> "[hidden]").orElse("none")
                + "]";
    }

    static HttpSettings parse(Map<String, String> values) {
        return new HttpSettings(bind(values.get(BIND)), port(values.get(PORT)), token(values.get(AUTH_TOKEN)));
    }

    private static String bind(String text) {
        if (text == null || text.isBlank() || text.trim().contains(" ")) {
            throw new InvalidSettingException(BIND, "not a host name or address: '" + text + "'");
        }
        return text.trim();
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the value
        }
        throw new InvalidSettingException(PORT, "not a port number (0-65535): '" + text + "'");
    }

    private static Optional<String> token(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String token = text.trim();
        // The message never echoes the value: it is a secret even when malformed.
        if (!TOKEN.matcher(token).matches()) {
            throw new InvalidSettingException(AUTH_TOKEN, "use only letters, digits and . _ ~ + / - (a bearer token)");
        }
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new InvalidSettingException(AUTH_TOKEN, "too short to be a secret; use at least " + MIN_TOKEN_LENGTH
                    + " characters");
        }
        return Optional.of(token);
    }
}
