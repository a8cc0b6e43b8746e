package io.healthstream.api;

import io.healthstream.scoring.InvalidSettingException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the HTTP endpoint listens, the bearer token it asks for and the token with the write scope. No token
 * means none is asked for, which is allowed on a loopback address only: an endpoint other hosts can reach must
 * ask for one. No write token means no writes at all. Port 0 picks a free port (tests). A value the endpoint
 * cannot work with is refused, naming its key.
 */
public record ApiSettings(String bind, int port, Optional<String> authToken, Optional<String> writeToken) {
    public static final String PORT = "http.port";
    public static final String BIND = "http.bind";
    public static final String AUTH_TOKEN = "http.auth.token";
    public static final String WRITE_TOKEN = "http.auth.write-token";

    // RFC 6750 token68 characters: anything else could not be sent in an Authorization header.
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final int MIN_TOKEN_LENGTH = 16;

    /** The keys one HTTP listener is configured by, so a mistake names the key the user wrote. */
    public record ListenerKeys(String bind, String port, String token) {}

    /** The read-only endpoint's keys. */
    public static final ListenerKeys KEYS = new ListenerKeys(BIND, PORT, AUTH_TOKEN);

    public ApiSettings {
        requireValid(KEYS, bind, port, authToken);
        writeToken.ifPresent(token -> {
            requireValidToken(WRITE_TOKEN, token);
            if (authToken.filter(token::equals).isPresent()) {
                throw new InvalidSettingException(
                        WRITE_TOKEN, "must differ from " + AUTH_TOKEN + ", or every reader could write");
            }
        });
    }

    /** A read-only endpoint: no token has the write scope. */
    public ApiSettings(String bind, int port, Optional<String> authToken) {
        this(bind, port, authToken, Optional.empty());
    }

    /**
     * Refuses an address, port or token a listener cannot work with, naming the key of {@code keys} at fault.
     * Shared by every HTTP listener healthstream runs, so each applies the same rules.
     */
    public static void requireValid(ListenerKeys keys, String bind, int port, Optional<String> authToken) {
        if (bind == null || bind.isBlank() || bind.contains(" ")) {
            throw new InvalidSettingException(keys.bind(), "not a host name or address: '" + bind + "'");
        }
        if (port < 0 || port > 65_535) {
            throw new InvalidSettingException(keys.port(), "not a port number (0-65535): '" + port + "'");
        }
        if (authToken.isEmpty() && !loopback(bind)) {
            throw new InvalidSettingException(
                    keys.bind(),
                    "'" + bind + "' is reachable from other hosts: set " + keys.token()
                            + " too, or listen on 127.0.0.1 only");
        }
        authToken.ifPresent(token -> requireValidToken(keys.token(), token));
    }

    // The messages never echo the token: it is a secret even when malformed.
    private static void requireValidToken(String key, String token) {
        if (!TOKEN.matcher(token).matches()) {
            throw new InvalidSettingException(key, "use only letters, digits and . _ ~ + / - (a bearer token)");
        }
        if (token.length() < MIN_TOKEN_LENGTH) {
            throw new InvalidSettingException(
                    key, "too short to be a secret; use at least " + MIN_TOKEN_LENGTH + " characters");
        }
    }

    /** Whether only this host can reach {@code bind}; a name that does not resolve counts as reachable. */
    private static boolean loopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The token is never part of the text form, so the record can be logged. */
    @Override
    public String toString() {
        return "ApiSettings[bind=" + bind + ", port=" + port + ", authToken="
                + authToken.map(t -> "[hidden]").orElse("none") + ", writeToken="
                + writeToken.map(t -> "[hidden]").orElse("none") + "]";
    }
}
