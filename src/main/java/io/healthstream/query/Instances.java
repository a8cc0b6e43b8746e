package io.healthstream.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance of the application (found through the Streams metadata, at its
 * {@code application.server}) the same question over its HTTP API, with the caller's credentials,
 * marked as forwarded so that it answers from its own stores.
 */
public final class Instances {
    /** Set on questions one instance forwards to another, so a question is forwarded at most once. */
    public static final String FORWARDED_HEADER = "X-Healthstream-Forwarded";

    static final String JSON = "application/json";

    /** What the other instance answered: HTTP status, content type and body, passed on unread. */
    public record Answer(int status, String contentType, byte[] body) {}

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    Answer get(HostInfo host, String pathAndQuery, Caller caller) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
                .timeout(TIMEOUT)
                .header(FORWARDED_HEADER, "true")
                .GET();
        caller.authorization().ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("Content-Type").orElse(JSON);
            return new Answer(response.statusCode(), type, response.body());
        } catch (IOException e) {
            throw new QueryException(
                    QueryException.Reason.OWNER_FAILED,
                    "instance " + host.host() + ":" + host.port() + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryException(
                    QueryException.Reason.NOT_READY,
                    "interrupted while asking instance " + host.host() + ":" + host.port());
        }
    }
}
