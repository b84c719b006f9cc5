package dev.pdm.iiot.dashboard.rest;

import dev.pdm.iiot.dashboard.history.AlertRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * The alert history as CSV (RFC 4180): a header line, one line per alert, CRLF line ends; a field
 * holding a comma, a double quote, a line break or leading or trailing spaces is quoted, its
 * quotes doubled. Times are ISO-8601 UTC, an absent value an empty field.
 *
 * <p>Machine ids come from devices and user names from accounts, and the file is opened in
 * spreadsheets: a text field that a spreadsheet would take for a formula (it starts with
 * {@code = + - @}, a tab or a carriage return) is written with a leading {@code '}, which shows it
 * as text. Numbers are written as they are.
 */
final class AlertCsv {

    static final List<String> COLUMNS = List.of("alert_id", "machine_id", "type", "severity", "peak_severity",
            "status", "raised_at", "last_seen", "acknowledged_at", "acknowledged_by", "cleared_at", "cleared_by",
            "count", "score", "threshold", "recommendation");

    private AlertCsv() {
    }

    static String of(final List<AlertRecord> alerts) {
        final StringBuilder csv = new StringBuilder();
        line(csv, new ArrayList<>(COLUMNS));
        for (final AlertRecord a : alerts) {
            final List<Object> fields = new ArrayList<>(List.of(a.alertId(), a.machineId(), a.type(), a.severity(),
                    a.peakSeverity(), a.status()));
            fields.add(a.raisedAt());
            fields.add(a.lastSeen());
            fields.add(a.acknowledgedAt());
            fields.add(a.acknowledgedBy());
            fields.add(a.clearedAt());
            fields.add(a.clearedBy());
            fields.add(a.count());
            fields.add(a.score());
            fields.add(a.threshold());
            fields.add(a.recommendation());
            line(csv, fields);
        }
        return csv.toString();
    }

    private static void line(final StringBuilder csv, final List<?> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(fields.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(final Object value) {
        if (value == null) {
            return "";
        }
        final String s = value instanceof Number ? value.toString() : defused(value.toString());
        final boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0 || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '));
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private static String defused(final String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }
}
