package io.healthstream.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventFileTest {
    private static final String LOGIN =
            "{\"topic\": \"usage-events\", \"value\": {\"event_id\": \"u-1\", \"account_id\": \"acc-1\", "
                    + "\"user_id\": \"ann\", \"occurred_at\": \"2026-03-01T10:00:00Z\", \"action\": \"login\"}}";

    @TempDir
    Path dir;

    private EventFile.Contents read(byte[] bytes) throws IOException {
        return EventFile.read(Files.write(dir.resolve("events.jsonl"), bytes));
    }

    private EventFile.Contents read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEventKeepsItsTopicLineAndTime() throws IOException {
        EventFile.Contents contents = read("\n" + LOGIN + "\n");

        assertThat(contents.lines()).isEqualTo(2);
        assertThat(contents.malformed()).isEmpty();
        assertThat(contents.events()).singleElement().satisfies(event -> {
            assertThat(event.topic()).isEqualTo("usage-events");
            assertThat(event.line()).isEqualTo(2);
            assertThat(event.occurredAt())
                    .isEqualTo(Instant.parse("2026-03-01T10:00:00Z").toEpochMilli());
            assertThat(event.value().get("event_id")).hasToString("u-1");
        });
    }

    @Test
    @DisplayName("two objects on one line are a malformed line, not one event and a dropped one")
    void trailingJsonIsMalformed() throws IOException {
        EventFile.Contents contents = read(LOGIN + " " + LOGIN);

        assertThat(contents.events()).isEmpty();
        assertThat(contents.malformed()).singleElement().satisfies(dead -> {
            assertThat(dead.line()).isEqualTo(1);
            assertThat(dead.json().get("error").asText()).startsWith("not JSON: ");
            assertThat(dead.json().get("raw").asText()).isEqualTo(LOGIN + " " + LOGIN);
        });
    }

    @Test
    void anUnknownTopicNamesTheTopics() throws IOException {
        EventFile.Contents contents = read(LOGIN.replace("usage-events", "usage"));

        assertThat(contents.malformed())
                .singleElement()
                .satisfies(
                        dead -> assertThat(dead.json().get("error").asText())
                                .isEqualTo(
                                        "\"topic\" must be one of [subscription-events, usage-events, nps-responses, support-tickets, health-overrides], got 'usage'"));
    }

    @Test
    @DisplayName(
            "a line that is not UTF-8 is dead-lettered with its bytes in base64; Windows line ends and a BOM are fine")
    void notUtf8IsDeadLetteredAsBase64() throws IOException {
        byte[] latin1 = LOGIN.replace("ann", "Zoë").getBytes(StandardCharsets.ISO_8859_1);
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] login = LOGIN.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(bom);
        file.writeBytes(login);
        file.writeBytes(crlf);
        file.writeBytes(latin1);
        file.writeBytes(crlf);
        file.writeBytes(login);
        file.writeBytes(crlf);

        EventFile.Contents contents = read(file.toByteArray());

        assertThat(contents.events()).extracting(ReplayEvent::line).containsExactly(1L, 3L);
        assertThat(contents.malformed()).singleElement().satisfies(dead -> {
            assertThat(dead.line()).isEqualTo(2);
            assertThat(dead.reason()).isEqualTo("malformed-line");
            assertThat(dead.json().get("error").asText())
                    .isEqualTo(
                            "not valid UTF-8: byte 0xEB at byte offset " + (LOGIN.indexOf("ann") + 2) + " of the line");
            assertThat(Base64.getDecoder().decode(dead.json().get("raw_base64").asText()))
                    .isEqualTo(latin1);
            assertThat(dead.json().has("raw")).isFalse();
        });
    }
}
