package io.healthstream.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.healthstream.testsupport.HttpCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Scopes on an instance with no write token: reads as before, every write refused with the reason. */
class RouterTest {
    private final HttpServer server;

    RouterTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext(
                "/",
                new Router(
                        List.of(
                                Router.Route.of("/read", (request, params) -> ApiResponse.json(200, Map.of())),
                                Router.Route.write(
                                        "POST", "/write", (request, params) -> ApiResponse.json(202, Map.of()))),
                        new BearerToken(Optional.empty()),
                        Optional.empty()));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void withoutAWriteTokenConfiguredWritesAre403SayingHowToAllowThem() {
        HttpCalls.Answer write = HttpCalls.send("POST", url("/write"), Optional.empty(), "{}");

        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().path("error").asText())
                .isEqualTo("writes are turned off: set http.auth.write-token to allow them");
        assertThat(HttpCalls.get(url("/read")).status()).isEqualTo(200);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }
}
