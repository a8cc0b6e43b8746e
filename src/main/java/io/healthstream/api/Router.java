package io.healthstream.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.healthstream.query.Instances;
import io.healthstream.query.QueryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches requests to the endpoints by method and path, asks for the bearer token on everything but
 * {@code /health/*} and the console's static files, and for the write token on writes, and turns every failure
 * into a JSON error: callers never see a stack trace.
 */
final class Router implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final String HEALTH_PREFIX = "/health/";
    private static final String RETRY_AFTER = "Retry-After";
    /** Stores come back and rebalances end within seconds; a client that waits this long usually gets its answer. */
    private static final String RETRY_AFTER_SECONDS = "5";

    private static final String GET = "GET";
    /** A CSM's override is a few hundred bytes of JSON. */
    private static final int MAX_BODY_BYTES = 16 * 1024;

    /** One endpoint: a method and a path pattern whose groups are the (still URL-encoded) path parameters. */
    record Route(String method, Pattern path, Endpoint endpoint) {
        /** A read. */
        static Route of(String regex, Endpoint endpoint) {
            return new Route(GET, Pattern.compile(regex), endpoint);
        }

        /** A write ({@code POST}, {@code DELETE}): only the write token may call it. */
        static Route write(String method, String regex, Endpoint endpoint) {
            return new Route(method, Pattern.compile(regex), endpoint);
        }

        boolean writes() {
            return !GET.equals(method);
        }
    }

    /** Answers one request; {@code params} are the decoded path parameters. */
    @FunctionalInterface
    interface Endpoint {
        ApiResponse handle(ApiRequest request, List<String> params);
    }

    private final List<Route> routes;
    private final BearerToken token;
    private final Optional<BearerToken> writeToken;

    /** Reads need {@code token}, writes {@code writeToken} (which reads too); no write token: no writes. */
    Router(List<Route> routes, BearerToken token, Optional<BearerToken> writeToken) {
        this.routes = List.copyOf(routes);
        this.token = token;
        this.writeToken = writeToken;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ApiResponse response = retryLaterWhenUnavailable(respond(exchange));
            response.headers()
                    .forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(response.body());
            }
        }
    }

    private ApiResponse respond(HttpExchange exchange) {
        String path = exchange.getRequestURI().getRawPath();
        try {
            Optional<String> authorization =
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean writer = writeToken.filter(t -> t.permits(authorization)).isPresent();
            if (!open(path) && !writer && !token.permits(authorization)) {
                return ApiResponse.error(401, "missing or wrong bearer token")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"healthstream\"");
            }
            List<Route> onPath = routes.stream()
                    .filter(route -> route.path().matcher(path).matches())
                    .toList();
            if (onPath.isEmpty()) {
                return ApiResponse.error(404, "no such endpoint: " + path);
            }
            Optional<Route> found = onPath.stream()
                    .filter(route -> route.method().equals(exchange.getRequestMethod()))
                    .findFirst();
            if (found.isEmpty()) {
                String allowed =
                        String.join(", ", onPath.stream().map(Route::method).toList());
                return ApiResponse.error(405, "only " + allowed + " is allowed on " + path)
                        .withHeader("Allow", allowed);
            }
            Route route = found.get();
            if (route.writes() && !writer) {
                return ApiResponse.error(
                        403,
                        writeToken.isEmpty()
                                ? "writes are turned off: set http.auth.write-token to allow them"
                                : "this token may only read: writes need the write token (http.auth.write-token)");
            }
            ApiRequest request = new ApiRequest(
                    path,
                    ApiRequest.parseQuery(exchange.getRequestURI().getRawQuery()),
                    authorization,
                    exchange.getRequestHeaders().containsKey(Instances.FORWARDED_HEADER),
                    route.writes() ? body(exchange) : "");
            Matcher matcher = route.path().matcher(path);
            matcher.matches();
            return route.endpoint().handle(request, params(matcher));
        } catch (ApiException e) {
            return ApiResponse.error(e.status(), e.getMessage());
        } catch (QueryException e) {
            return ApiResponse.error(status(e.reason()), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", exchange.getRequestMethod(), path, e);
            return ApiResponse.error(500, "internal error; see the healthstream log");
        }
    }

    /** Health checks serve load balancers, the console's files hold no data (see {@link ConsoleFiles}). */
    private static boolean open(String path) {
        return path.startsWith(HEALTH_PREFIX)
                || path.equals(ConsoleFiles.PREFIX)
                || path.startsWith(ConsoleFiles.PREFIX + "/");
    }

    private static String body(HttpExchange exchange) {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiException(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApiException(400, "cannot read the body: " + e.getMessage());
        }
    }

    /** Every 503, this instance's or one passed on from the owner of a key, tells the client when to ask again. */
    private static ApiResponse retryLaterWhenUnavailable(ApiResponse response) {
        return response.status() == 503 && !response.headers().containsKey(RETRY_AFTER)
                ? response.withHeader(RETRY_AFTER, RETRY_AFTER_SECONDS)
                : response;
    }

    private static int status(QueryException.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case NOT_READY -> 503;
            case OWNER_FAILED -> 502;
        };
    }

    private static List<String> params(Matcher matcher) {
        return IntStream.rangeClosed(1, matcher.groupCount())
                .mapToObj(i -> ApiRequest.decode(matcher.group(i)))
                .toList();
    }
}
