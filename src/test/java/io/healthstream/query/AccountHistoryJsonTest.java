package io.healthstream.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthstream.topology.AccountHistory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON contract of GET /accounts/{id}/history, field by field: the console and the override code read it. */
class AccountHistoryJsonTest {
    @Test
    void historyRendersTheAgreedContract() throws Exception {
        AccountHistory history = new AccountHistory(
                "acc-1",
                "2026-09-01T00:00:00Z",
                "2026-11-30T00:00:00Z",
                List.of(
                        new AccountHistory.Point(
                                "2026-11-02T10:00:00Z",
                                61.5,
                                "YELLOW",
                                new AccountHistory.Components(40.0, 100.0, 70.0, 90.0),
                                "chs-1/abc",
                                new AccountHistory.Cause("e-991", "EVENT"),
                                List.of(new AccountHistory.Change(
                                        "support", -30.0, "1 open urgent ticket (-30) (event e-991)")),
                                null,
                                null),
                        new AccountHistory.Point(
                                "2026-11-03T00:00:00Z",
                                60.25,
                                "YELLOW",
                                new AccountHistory.Components(37.5, 100.0, 70.0, 90.0),
                                "chs-1/abc",
                                new AccountHistory.Cause(null, "TIME"),
                                List.of(),
                                new AccountHistory.Override(
                                        "ovr-1", "GREEN", null, "renewal signed", "alice", "2026-12-02T00:00:00Z"),
                                null)),
                List.of(new AccountHistory.Event(
                        "2026-11-02T10:00:00Z",
                        "CHURN_SIGNAL",
                        "acc-1/support-tickets/e-991/URGENT_TICKET",
                        "HIGH",
                        "URGENT_TICKET: urgent ticket opened")));

        assertThat(ApiJson.MAPPER.writeValueAsString(history))
                .isEqualTo(
                        "{\"account_id\":\"acc-1\",\"from\":\"2026-09-01T00:00:00Z\",\"to\":\"2026-11-30T00:00:00Z\","
                                + "\"points\":[{\"at\":\"2026-11-02T10:00:00Z\",\"score\":61.5,\"band\":\"YELLOW\","
                                + "\"components\":{\"usage\":40.0,\"billing\":100.0,\"support\":70.0,\"nps\":90.0},"
                                + "\"model_version\":\"chs-1/abc\",\"cause\":{\"event_id\":\"e-991\",\"kind\":\"EVENT\"},"
                                + "\"changes\":[{\"component\":\"support\",\"delta\":-30.0,"
                                + "\"reason\":\"1 open urgent ticket (-30) (event e-991)\"}],\"override\":null,"
                                + "\"override_expired\":null},"
                                + "{\"at\":\"2026-11-03T00:00:00Z\",\"score\":60.25,\"band\":\"YELLOW\","
                                + "\"components\":{\"usage\":37.5,\"billing\":100.0,\"support\":70.0,\"nps\":90.0},"
                                + "\"model_version\":\"chs-1/abc\",\"cause\":{\"event_id\":null,\"kind\":\"TIME\"},"
                                + "\"changes\":[],\"override\":{\"override_id\":\"ovr-1\",\"band\":\"GREEN\",\"score\":null,"
                                + "\"reason\":\"renewal signed\",\"author\":\"alice\",\"expires_at\":\"2026-12-02T00:00:00Z\"},"
                                + "\"override_expired\":null}],"
                                + "\"events\":[{\"at\":\"2026-11-02T10:00:00Z\",\"kind\":\"CHURN_SIGNAL\","
                                + "\"id\":\"acc-1/support-tickets/e-991/URGENT_TICKET\",\"severity\":\"HIGH\","
                                + "\"summary\":\"URGENT_TICKET: urgent ticket opened\"}]}");
    }
}
