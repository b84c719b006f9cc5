package dev.pdm.iiot.platform.chaos.audit;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The figures of a {@link ChaosAudit.Result} as Markdown: one table row a check, then what went wrong. */
final class ResultMarkdown {

    private ResultMarkdown() {
    }

    static String table(final ChaosAudit.Result r) {
        final StringBuilder md = new StringBuilder("| check | figure | verdict |\n|---|---:|---|\n");
        row(md, "readings acknowledged (PUBACK)", n(r.readingsAcknowledged())
                + (r.acknowledgedWithoutSeq() > 0 ? " (+" + n(r.acknowledgedWithoutSeq()) + " without seq)" : ""),
                r.readingsAcknowledged() > 0 ? "" : "FAIL: none");
        row(md, "readings in machine-telemetry", n(r.readingsInTelemetry()) + " in " + n(r.telemetry().records())
                + " records", "");
        row(md, "acknowledged readings lost", n(r.readingsLost()), verdict(r.readingsLost()));
        row(md, "duplicates in machine-telemetry", n(r.telemetryDuplicates()), "allowed");
        row(md, "readings scored (accepted by the detector)", n(r.readingsScored()) + " ("
                + n(r.scoring().scoredByModel()) + " by a model)", "");
        row(md, "readings refused by the detector with a reason (dead-letter topic)", n(r.readingsRejected()), "accounted for");
        row(md, "readings scored twice", n(r.scoringDuplicates()), verdict(r.scoringDuplicates()));
        final long stale = r.scoring().unscoredBelowLatest();
        row(md, "readings never scored", n(r.readingsUnscored())
                + (stale > 0 ? " (" + n(stale) + " below a later scored seq)" : ""), verdict(r.readingsUnscored()));
        row(md, "alerts", n(r.alertsRaised()) + " in " + n(r.alertRecords()) + " records", "");
        row(md, "alerts raised twice", n(r.duplicateAlerts()) + kinds(r.alerts().byKind()),
                verdict(r.duplicateAlerts()));
        row(md, "models", n(r.modelsTrained()) + " of " + n(r.models().machines()) + " machines, "
                + n(r.models().retrains()) + " retrains", "");
        row(md, "models lost", n(r.modelsLost()), verdict(r.modelsLost()));
        row(md, "alert states missing on MQTT", n(r.alertRecordsMissingOnMqtt()) + " of " + n(r.mqtt().alertStates()),
                verdict(r.alertRecordsMissingOnMqtt()));
        row(md, "dashboard vs detector differences", n(r.snapshotDifferences().size()),
                verdict(r.snapshotDifferences().size()));
        return md.toString();
    }

    static String findings(final ChaosAudit.Result r) {
        final StringBuilder md = new StringBuilder();
        finding(md, "acknowledged readings lost", r.telemetry().lostReadings().first());
        finding(md, "readings scored twice", r.scoring().duplicateExamples());
        finding(md, "readings never scored", r.scoring().unscoredReadings().first());
        finding(md, "alerts raised twice", r.alerts().examples().stream()
                .map(d -> d.kind() + " " + d.alertIds() + ": " + d.detail()).toList());
        finding(md, "models lost", r.models().examples().stream().map(m -> m.kind() + " " + m.machineId()
                + ": version " + m.version() + " (" + m.reason() + ") after " + m.highestBefore()).toList());
        finding(md, "alert states missing on MQTT", r.mqtt().examples());
        finding(md, "dashboard vs detector", r.snapshotDifferences());
        return md.toString();
    }

    private static void finding(final StringBuilder md, final String what, final List<?> examples) {
        if (!examples.isEmpty()) {
            md.append("- ").append(what).append(": ").append(examples.stream().map(String::valueOf)
                    .collect(Collectors.joining("; "))).append('\n');
        }
    }

    private static void row(final StringBuilder md, final String check, final String figure, final String verdict) {
        md.append("| ").append(check).append(" | ").append(figure).append(" | ").append(verdict).append(" |\n");
    }

    private static String verdict(final long failures) {
        return failures == 0 ? "pass" : "FAIL";
    }

    private static String n(final long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static <K> String kinds(final Map<K, Long> byKind) {
        return byKind.isEmpty() ? "" : " (" + byKind.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).sorted().collect(Collectors.joining(", ")) + ")";
    }
}
