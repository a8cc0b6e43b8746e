package io.healthstream.api;

import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Asks another instance of the application (found through the Streams metadata, at its
 * {@code application.server}) the same question, with the caller's token, marked as forwarded.
 */
final class Peers {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    ApiResponse get(HostInfo host, String pathAndQuery, ApiRequest original) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                        + pathAndQuery))
                .timeout(TIMEOUT)
                .header(ApiRequest.FORWARDED_HEADER, "true")
                .GET();
        original.authorization().ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            String type = response.headers().firstValue("Content-Type").orElse(ApiResponse.JSON);
            return new ApiResponse(response.statusCode(), type, response.body(), Map.of());
        } catch (IOException e) {
            throw new ApiException(502, "instance " + host.host() + ":" + host.port() + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while asking instance " + host.host() + ":" + host.port());
        }
    }
}
