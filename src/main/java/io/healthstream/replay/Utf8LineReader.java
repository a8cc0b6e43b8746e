package io.healthstream.replay;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a file as lines of bytes, split on {@code '\n'} (a {@code '\r'} before it is dropped), and
 * decodes each line on its own with a strict UTF-8 decoder, so that one line that is not UTF-8 spoils
 * only itself. A UTF-8 byte-order mark at the start of the file is skipped.
 */
final class Utf8LineReader implements Closeable {
    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** One line of the file, numbered from 1. */
    sealed interface Line permits Text, NotUtf8 {
        long number();
    }

    /** A line that is valid UTF-8. */
    record Text(long number, String text) implements Line {}

    /** A line that is not: its bytes, and the offset in them of the first byte that is not UTF-8. */
    record NotUtf8(long number, byte[] bytes, int offset) implements Line {}

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] chunk = new byte[64 * 1024];
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private int length;
    private long number;

    Utf8LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the file. */
    Line next() throws IOException {
        length = 0;
        boolean ended = false;
        boolean read = false;
        while (!ended) {
            if (position == limit && !fill()) {
                break;
            }
            read = true;
            int end = position;
            while (end < limit && chunk[end] != '\n') {
                end++;
            }
            append(position, end);
            ended = end < limit;
            position = ended ? end + 1 : end;
        }
        if (!read) {
            return null;
        }
        number++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        int start = number == 1 && startsWithByteOrderMark() ? BYTE_ORDER_MARK.length : 0;
        return decode(start);
    }

    private boolean fill() throws IOException {
        int n;
        do {
            n = in.read(chunk);
        } while (n == 0);
        position = 0;
        limit = Math.max(n, 0);
        return n > 0;
    }

    private void append(int from, int to) {
        int count = to - from;
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, length + count));
        }
        System.arraycopy(chunk, from, line, length, count);
        length += count;
    }

    private boolean startsWithByteOrderMark() {
        return length >= BYTE_ORDER_MARK.length
                && Arrays.equals(line, 0, BYTE_ORDER_MARK.length, BYTE_ORDER_MARK, 0, BYTE_ORDER_MARK.length);
    }

    private Line decode(int start) {
        ByteBuffer bytes = ByteBuffer.wrap(line, start, length - start);
        // UTF-8 never decodes to more chars than it has bytes.
        CharBuffer chars = CharBuffer.allocate(length - start);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            return new NotUtf8(number, Arrays.copyOf(line, length), bytes.position());
        }
        if (result.isOverflow()) {
            throw new IllegalStateException("UTF-8 decoded to more chars than bytes on line " + number);
        }
        return new Text(number, chars.flip().toString());
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
