package io.healthstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Utf8LineReaderTest {

    private static List<Utf8LineReader.Line> lines(byte[] file) throws IOException {
        return lines(new ByteArrayInputStream(file));
    }

    private static List<Utf8LineReader.Line> lines(InputStream file) throws IOException {
        List<Utf8LineReader.Line> lines = new ArrayList<>();
        try (Utf8LineReader reader = new Utf8LineReader(file)) {
            for (Utf8LineReader.Line line = reader.next(); line != null; line = reader.next()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    @Test
    @DisplayName("lines are split on \\n and numbered from 1; a last line without \\n still counts")
    void splitsOnNewlines() throws IOException {
        assertThat(lines(bytes("a\nbb\n\nccc")))
                .containsExactly(
                        new Utf8LineReader.Text(1, "a"), new Utf8LineReader.Text(2, "bb"),
                        new Utf8LineReader.Text(3, ""), new Utf8LineReader.Text(4, "ccc"));
    }

    @Test
    void aFinalNewlineDoesNotMakeAnotherLine() throws IOException {
        assertThat(lines(bytes("a\nb\n")))
                .extracting(Utf8LineReader.Line::number)
                .containsExactly(1L, 2L);
        assertThat(lines(new byte[0])).isEmpty();
    }

    @Test
    void windowsLineEndsAreTolerated() throws IOException {
        assertThat(lines(bytes("a\r\nb\r\n")))
                .containsExactly(new Utf8LineReader.Text(1, "a"), new Utf8LineReader.Text(2, "b"));
    }

    @Test
    void multiByteCharactersDecode() throws IOException {
        assertThat(lines(bytes("café ✓ 😀\nnext")))
                .containsExactly(new Utf8LineReader.Text(1, "café ✓ 😀"), new Utf8LineReader.Text(2, "next"));
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkipped() throws IOException {
        byte[] file = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, bytes("{}\n{}"));
        assertThat(lines(file)).containsExactly(new Utf8LineReader.Text(1, "{}"), new Utf8LineReader.Text(2, "{}"));
    }

    @Test
    @DisplayName(
            "a line that is not UTF-8 comes back as bytes with the offset of the bad byte; the lines around it decode")
    void aLatin1LineIsReportedWithItsOffset() throws IOException {
        byte[] latin1 = "{\"name\": \"Zoë\"}".getBytes(StandardCharsets.ISO_8859_1);
        List<Utf8LineReader.Line> lines = lines(concat(bytes("first\n"), latin1, bytes("\nthird\n")));

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(new Utf8LineReader.Text(1, "first"));
        assertThat(lines.get(1)).isInstanceOfSatisfying(Utf8LineReader.NotUtf8.class, bad -> {
            assertThat(bad.number()).isEqualTo(2);
            assertThat(bad.bytes()).isEqualTo(latin1);
            assertThat(bad.offset()).isEqualTo(12);
        });
        assertThat(lines.get(2)).isEqualTo(new Utf8LineReader.Text(3, "third"));
    }

    @Test
    void aTruncatedSequenceAtTheEndOfALineIsNotUtf8() throws IOException {
        byte[] truncated = concat(bytes("ab"), new byte[] {(byte) 0xE2, (byte) 0x9C});
        assertThat(lines(concat(truncated, bytes("\r\n"))).get(0))
                .isInstanceOfSatisfying(Utf8LineReader.NotUtf8.class, bad -> {
                    assertThat(bad.bytes()).isEqualTo(truncated);
                    assertThat(bad.offset()).isEqualTo(2);
                });
    }

    @Test
    @DisplayName("lines longer than the read buffer and streams that return a few bytes at a time read whole")
    void longLinesAndShortReads() throws IOException {
        String longLine = "x".repeat(200_000);
        InputStream trickle = new ByteArrayInputStream(bytes(longLine + "\nok\n")) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
        assertThat(lines(trickle))
                .containsExactly(new Utf8LineReader.Text(1, longLine), new Utf8LineReader.Text(2, "ok"));
    }
}
