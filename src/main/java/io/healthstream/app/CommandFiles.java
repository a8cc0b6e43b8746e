package io.healthstream.app;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/** The checks {@code replay} and {@code backtest} make on their input file and output directory, as user errors. */
final class CommandFiles {
    private CommandFiles() {}

    /** An --input that exists, is a file and can be read. */
    static void requireInputFile(Path input) {
        if (!Files.exists(input)) {
            throw new UserError("input file not found: " + input);
        }
        if (Files.isDirectory(input)) {
            throw new UserError("--input must be a file of events, but " + input + " is a directory");
        }
        if (!Files.isReadable(input)) {
            throw new UserError("cannot read input file " + input + ": permission denied");
        }
    }

    /** Creates the --output directory if missing; it must be a directory we can write to. */
    static void prepareOutputDir(Path output) {
        if (Files.exists(output) && !Files.isDirectory(output)) {
            throw new UserError("--output must be a directory, but " + output + " is an existing file");
        }
        for (Path parent = output.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
            if (Files.exists(parent) && !Files.isDirectory(parent)) {
                throw new UserError("cannot create output directory " + output + ": " + parent + " is a file");
            }
        }
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UserError("cannot create output directory " + output + ": " + why(e, output));
        }
        if (!Files.isWritable(output)) {
            throw new UserError("cannot write to output directory " + output + ": permission denied");
        }
    }

    private static String why(IOException e, Path target) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name exists";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            String file = fileSystem.getFile();
            return fileSystem.getReason().toLowerCase(Locale.ROOT)
                    + (file == null || file.equals(target.toString()) ? "" : " (" + file + ")");
        }
        return e.toString();
    }
}
