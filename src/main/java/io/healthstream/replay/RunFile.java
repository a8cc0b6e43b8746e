package io.healthstream.replay;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * A temporary file of {@link RunEntry}s in the order they were written, in Avro's binary encoding, through Avro's
 * buffered encoder and decoder: its direct ones write and read a byte at a time, and each byte through a buffered
 * stream took its lock.
 */
final class RunFile {
    private static final int BUFFER_BYTES = 64 * 1024;

    private RunFile() {}

    /** Creates a new run file in {@code dir}. */
    static Writer create(Path dir) throws IOException {
        return new Writer(Files.createTempFile(dir, "run-", ".bin"));
    }

    /** Appends entries to one run file. */
    static final class Writer implements Closeable {
        private final Path path;
        private final OutputStream out;
        private final BinaryEncoder encoder;

        private Writer(Path path) throws IOException {
            this.path = path;
            this.out = new BufferedOutputStream(Files.newOutputStream(path), BUFFER_BYTES);
            this.encoder = EncoderFactory.get().binaryEncoder(out, null);
        }

        Path path() {
            return path;
        }

        void write(RunEntry entry) throws IOException {
            encoder.writeLong(entry.key());
            encoder.writeLong(entry.seq());
            encoder.writeString(entry.tag());
            encoder.writeBytes(entry.payload());
        }

        @Override
        public void close() throws IOException {
            encoder.flush();
            out.close();
        }
    }

    /** Reads a run file's entries back one at a time, holding only the next one. */
    static final class Reader implements Closeable {
        private final InputStream in;
        private final BinaryDecoder decoder;
        private RunEntry head;

        Reader(Path path) throws IOException {
            this.in = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES);
            this.decoder = DecoderFactory.get().binaryDecoder(in, null);
            advance();
        }

        /** The next entry, or null at the end of the run. */
        RunEntry head() {
            return head;
        }

        /** Returns the head and reads the next one. */
        RunEntry take() throws IOException {
            RunEntry taken = head;
            advance();
            return taken;
        }

        private void advance() throws IOException {
            if (decoder.isEnd()) {
                head = null;
                return;
            }
            long key = decoder.readLong();
            long seq = decoder.readLong();
            String tag = decoder.readString();
            head = new RunEntry(key, seq, tag, decoder.readBytes(null).array());
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
