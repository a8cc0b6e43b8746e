package io.healthstream.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes directory trees the broker owns. */
final class DataDirs {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirs.class);

    private DataDirs() {
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(DataDirs::delete);
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {} completely: {}", dir, e.toString());
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
