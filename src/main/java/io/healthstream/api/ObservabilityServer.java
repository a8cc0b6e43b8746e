package io.healthstream.api;

import com.sun.net.httpserver.HttpServer;
import io.healthstream.metrics.HealthMetrics;
import io.healthstream.query.AccountQueries;
import io.healthstream.query.EngineHealth;
import io.healthstream.query.EngineInfo;
import io.healthstream.query.LatestKpis;
import io.healthstream.query.PortfolioQueries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * healthstream's HTTP endpoint: {@code /metrics}, {@code /health/live}, {@code /health/ready},
 * {@code /info}, {@code /topology}, {@code /accounts/{id}}, {@code /accounts/{id}/history}, {@code /accounts},
 * {@code /portfolio}, {@code /kpis/{period}} and the console's static files under {@code /console/}, on
 * {@code http.bind}:{@code http.port}, and the one write, {@code POST} and {@code DELETE /accounts/{id}/override}.
 * HTTP only: it is handed the queries, the metrics and the override writer it serves and builds none of them.
 * Served by the JDK's own HTTP server: a handful of small endpoints need no framework or extra dependency.
 */
public final class ObservabilityServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ObservabilityServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    // Forwarded requests wait on other instances; a few threads keep one slow peer from blocking all.
    private static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;

    private ObservabilityServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving on {@code settings}' address.
     *
     * @throws UncheckedIOException when it cannot listen there
     */
    public static ObservabilityServer start(
            ApiSettings settings,
            AccountQueries accounts,
            PortfolioQueries portfolio,
            EngineHealth health,
            EngineInfo info,
            LatestKpis kpis,
            HealthMetrics metrics,
            OverrideConfig overrides) {
        AccountRoutes accountRoutes = new AccountRoutes(accounts, Clock.systemUTC());
        OverrideRoutes overrideRoutes = new OverrideRoutes(overrides);
        InfoRoutes infoRoutes = new InfoRoutes(info);
        KpiRoutes kpiRoutes = new KpiRoutes(kpis);
        PortfolioRoutes portfolioRoutes = new PortfolioRoutes(portfolio);
        Router router = new Router(
                List.of(
                        Router.Route.of(
                                "/metrics", (request, params) -> ApiResponse.text(PROMETHEUS_TEXT, metrics.scrape())),
                        Router.Route.of("/health/live", (request, params) -> ApiResponse.health(health.live())),
                        Router.Route.of("/health/ready", (request, params) -> ApiResponse.health(health.ready())),
                        Router.Route.of("/info", (request, params) -> infoRoutes.info()),
                        Router.Route.of("/topology", (request, params) -> infoRoutes.topology(request)),
                        Router.Route.of(AccountQueries.LIST_PATH, (request, params) -> accountRoutes.accounts(request)),
                        Router.Route.of(
                                AccountQueries.ACCOUNT_PATH + "([^/]+)" + AccountQueries.HISTORY_SUFFIX,
                                (request, params) -> accountRoutes.history(request, params.get(0))),
                        Router.Route.of(
                                AccountQueries.ACCOUNT_PATH + "([^/]+)",
                                (request, params) -> accountRoutes.account(request, params.get(0))),
                        Router.Route.write(
                                "POST",
                                AccountQueries.ACCOUNT_PATH + "([^/]+)/override",
                                (request, params) -> overrideRoutes.set(request, params.get(0))),
                        Router.Route.write(
                                "DELETE",
                                AccountQueries.ACCOUNT_PATH + "([^/]+)/override",
                                (request, params) -> overrideRoutes.lift(request, params.get(0))),
                        Router.Route.of(PortfolioQueries.PATH, (request, params) -> portfolioRoutes.portfolio(request)),
                        Router.Route.of("/kpis/([^/]+)", (request, params) -> kpiRoutes.period(params.get(0))),
                        Router.Route.of(ConsoleFiles.PREFIX, (request, params) -> ConsoleFiles.redirectToIndex()),
                        Router.Route.of(
                                ConsoleFiles.PREFIX + "/([^/]*)",
                                (request, params) -> ConsoleFiles.file(params.get(0)))),
                new BearerToken(settings.authToken()),
                settings.writeToken().map(token -> new BearerToken(Optional.of(token))));
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 0);
            server.createContext("/", router);
            server.setExecutor(executor);
            server.start();
            LOG.info(
                    "HTTP endpoint on {}:{} (token {}, writes {})",
                    settings.bind(),
                    server.getAddress().getPort(),
                    settings.authToken().isPresent() ? "required" : "not required",
                    settings.writeToken().isPresent() ? "with the write token" : "off");
            return new ObservabilityServer(server, executor);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot listen on " + settings.bind() + ":" + settings.port(), e);
        }
    }

    /** The port listened on; differs from {@code http.port} only when that is 0. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "healthstream-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
