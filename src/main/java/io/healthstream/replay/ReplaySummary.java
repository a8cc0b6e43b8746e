package io.healthstream.replay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a replay read, did and wrote; printed at the end and written as {@code DIR/summary.json}.
 *
 * @param lines                lines of the file, blank ones included
 * @param eventsRead           lines that parsed as events; each is applied, duplicate, late or dead-lettered by the engine
 * @param applied              events that changed an account
 * @param duplicate            events whose event_id had been seen
 * @param late                 events too old to change anything
 * @param lateForKpis          applied events too late for a KPI period that had already closed
 * @param deadLettered         dead letters by reason: the engine's, and {@code malformed-line} for lines that are not events
 * @param accountsScored       distinct accounts in account-health
 * @param periodsClosed        distinct period and currency among final saas-kpis records
 * @param linesOutOfOrder      in time order, the fewest lines the sort moved; in arrival order, the lines earlier
 *                             than an earlier line of their topic
 * @param firstOutOfOrderLine  the first line earlier than a line above it (of its topic, in arrival order)
 * @param outputs              records written per output topic
 */
public record ReplaySummary(
        String input,
        EventOrder order,
        long lines,
        long eventsRead,
        long applied,
        long duplicate,
        long late,
        long lateForKpis,
        Map<String, Long> deadLettered,
        long accountsScored,
        long periodsClosed,
        long linesOutOfOrder,
        OptionalLong firstOutOfOrderLine,
        Map<String, Long> outputs) {

    public ReplaySummary {
        deadLettered = Collections.unmodifiableMap(new TreeMap<>(deadLettered));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    public long deadLetteredTotal() {
        return deadLettered.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The summary as summary.json holds it. */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("input", input);
        json.put("order", order.label());
        json.put("lines", lines);
        json.put("events_read", eventsRead);
        json.put("applied", applied);
        json.put("duplicate", duplicate);
        json.put("late", late);
        json.put("late_for_kpis", lateForKpis);
        json.put("dead_lettered", deadLetteredTotal());
        ObjectNode reasons = json.putObject("dead_lettered_by_reason");
        deadLettered.forEach(reasons::put);
        json.put("accounts_scored", accountsScored);
        json.put("periods_closed", periodsClosed);
        json.put("lines_out_of_order", linesOutOfOrder);
        if (firstOutOfOrderLine.isPresent()) {
            json.put("first_out_of_order_line", firstOutOfOrderLine.getAsLong());
        } else {
            json.putNull("first_out_of_order_line");
        }
        ObjectNode written = json.putObject("outputs");
        outputs.forEach(written::put);
        return json;
    }

    /** The summary as a short table, one figure a line. */
    public List<String> table() {
        List<String> rows = new ArrayList<>();
        row(rows, "lines", lines, "");
        row(rows, "events read", eventsRead, "");
        row(rows, "applied", applied, "");
        row(rows, "duplicate", duplicate, "");
        row(rows, "late", late, "");
        row(rows, "late for KPIs", lateForKpis, "");
        row(rows, "dead-lettered", deadLetteredTotal(), "");
        deadLettered.forEach((reason, count) -> row(rows, "  " + reason, count, ""));
        row(rows, "accounts scored", accountsScored, "");
        row(rows, "periods closed", periodsClosed, "");
        String firstLine = firstOutOfOrderLine.isPresent() ? "first: line " + firstOutOfOrderLine.getAsLong() : "";
        row(
                rows,
                order == EventOrder.TIME ? "lines moved by the sort" : "lines out of order in topic",
                linesOutOfOrder,
                firstLine);
        rows.add("  records written");
        outputs.forEach((topic, count) -> row(rows, "  " + topic, count, ""));
        return rows;
    }

    private static void row(List<String> rows, String label, long value, String note) {
        rows.add(String.format(Locale.ROOT, "  %-28s %8d%s", label, value, note.isEmpty() ? "" : "  (" + note + ")"));
    }
}
