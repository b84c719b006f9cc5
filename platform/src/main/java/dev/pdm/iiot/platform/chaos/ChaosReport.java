package dev.pdm.iiot.platform.chaos;

import dev.pdm.iiot.platform.chaos.audit.ChaosAudit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of a chaos run: each fault with what it cost, the figures per kind of fault, the
 * plant's publishing and the audit of what Kafka holds. {@link #passed()} when every fault was
 * survived and the audit found nothing lost or duplicated.
 *
 * @param settings   the run's settings
 * @param duration   from the first reading to the end of the audit
 * @param outcomes   every fault in order
 * @param published  readings the plant published
 * @param failed     readings the plant gave up on (never acknowledged)
 * @param audit      what the audit of Kafka, MQTT and the apps found
 */
public record ChaosReport(ChaosSettings settings, Duration duration, List<FaultOutcome> outcomes, long published,
                          long failed, ChaosAudit.Result audit) {

    public ChaosReport {
        outcomes = List.copyOf(outcomes);
    }

    public boolean passed() {
        return outcomes.stream().allMatch(FaultOutcome::survived) && audit.passed();
    }

    /** Faults that were survived. */
    public long survived() {
        return outcomes.stream().filter(FaultOutcome::survived).count();
    }

    /** The report as Markdown: the run, recovery per kind of fault, every fault, the audit. */
    public String toMarkdown() {
        final StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Chaos run: %s, %d machines at %.0f readings/s, %d faults, %d survived. "
                        + "%s.%n%n", minutes(duration), settings.machines(), settings.readingsPerSecond(),
                outcomes.size(), survived(), passed() ? "PASSED" : "FAILED"));
        out.append(String.format(Locale.ROOT, "Readings published %,d, given up by the plant %,d.%n%n", published,
                failed));
        out.append("| fault kind | faults | readings flowing again, median / max | alerts current, median / max "
                + "| restart, median / max |\n|---|---|---|---|---|\n");
        final Map<String, List<FaultOutcome>> byKind = new LinkedHashMap<>();
        outcomes.forEach(outcome -> byKind.computeIfAbsent(outcome.fault().kind(), kind -> new ArrayList<>())
                .add(outcome));
        byKind.forEach((kind, list) -> out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", kind,
                list.size(), spread(list.stream().map(FaultOutcome::scoringResumed).toList()),
                spread(list.stream().map(FaultOutcome::caughtUp).toList()),
                spread(list.stream().map(outcome -> Optional.of(outcome.restarted())).toList()))));
        out.append("\n| # | killed | readings flowing again | alerts current | restart |\n|---|---|---|---|---|\n");
        for (int i = 0; i < outcomes.size(); i++) {
            final FaultOutcome outcome = outcomes.get(i);
            out.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s |%n", i + 1, outcome.fault().describe(),
                    outcome.scoringResumed().map(ChaosReport::seconds).orElse("not in time"),
                    outcome.caughtUp().map(ChaosReport::seconds).orElse("–"), seconds(outcome.restarted())));
        }
        out.append('\n').append(audit.toMarkdown());
        return out.toString();
    }

    /** {@code 12.3 s / 17.0 s} over the present values; a count of the missing ones. */
    private static String spread(final List<Optional<Duration>> values) {
        final List<Duration> present = values.stream().flatMap(Optional::stream).sorted().toList();
        if (present.isEmpty()) {
            return "–";
        }
        final Duration median = present.size() % 2 == 1 ? present.get(present.size() / 2)
                : present.get(present.size() / 2 - 1).plus(present.get(present.size() / 2)).dividedBy(2);
        final long missing = values.size() - present.size();
        return seconds(median) + " / " + seconds(present.get(present.size() - 1))
                + (missing == 0 ? "" : " (" + missing + " without)");
    }

    private static String seconds(final Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    private static String minutes(final Duration duration) {
        return String.format(Locale.ROOT, "%.1f min", duration.toMillis() / 60_000.0);
    }
}
