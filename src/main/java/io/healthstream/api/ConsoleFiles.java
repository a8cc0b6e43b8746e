package io.healthstream.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's static files, read from the jar's {@code console/} folder. They hold no data: the page asks
 * for the bearer token and sends it with every data call, so the files themselves are served without one.
 */
final class ConsoleFiles {
    /** Where the console lives on the HTTP endpoint. */
    static final String PREFIX = "/console";

    private static final String FOLDER = "console/";
    private static final String INDEX = "index.html";
    // Flat names only: no path can climb out of the folder.
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml");
    // Everything from this origin, nothing inline or from elsewhere: the console works offline and a
    // rendered account name can never run as script.
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";

    private ConsoleFiles() {}

    /** The file {@code name} names ({@code ""}: the index page). */
    static ApiResponse file(String name) {
        String file = name.isEmpty() ? INDEX : name;
        Matcher matcher = NAME.matcher(file);
        if (!matcher.matches()) {
            throw new ApiException(404, "no such console file: " + name);
        }
        byte[] body = read(file).orElseThrow(() -> new ApiException(404, "no such console file: " + name));
        return new ApiResponse(200, TYPES.get(matcher.group(1)), body, Map.of())
                .withHeader("Content-Security-Policy", POLICY)
                .withHeader("X-Content-Type-Options", "nosniff")
                .withHeader("Cache-Control", "no-cache");
    }

    /** {@code /console} without the slash: the page's relative links need it. */
    static ApiResponse redirectToIndex() {
        return new ApiResponse(301, "text/plain; charset=utf-8", new byte[0], Map.of())
                .withHeader("Location", PREFIX + "/");
    }

    private static Optional<byte[]> read(String file) {
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(FOLDER + file)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console file " + file, e);
        }
    }
}
