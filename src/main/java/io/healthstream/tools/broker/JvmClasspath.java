package io.healthstream.tools.broker;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/** This JVM's classpath with absolute entries, so a child JVM finds the same classes from any directory. */
public final class JvmClasspath {
    private JvmClasspath() {}

    public static String absolute() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
