package dev.pdm.iiot.events;

import dev.pdm.iiot.events.json.JsonSerde;
import dev.pdm.iiot.events.model.Alert;
import dev.pdm.iiot.events.model.AlertCommand;
import dev.pdm.iiot.events.model.MachineCommand;
import dev.pdm.iiot.events.model.MachineStatus;
import dev.pdm.iiot.events.model.ModelDescriptor;
import dev.pdm.iiot.events.model.MinuteAggregate;
import dev.pdm.iiot.events.model.ScoredReading;
import dev.pdm.iiot.events.model.TelemetryReading;
import dev.pdm.iiot.events.validation.ParseResult;
import dev.pdm.iiot.events.validation.ReadingParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every example in docs/CONTRACT.md reads as the type it names. */
class ContractDocumentationTest {

    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: (\\w+) -->\\s*```json\\s*\\n(.*?)```", Pattern.DOTALL);
    private static final Map<String, Class<?>> TYPES = Map.of(
            "TelemetryReading", TelemetryReading.class,
            "Alert", Alert.class,
            "AlertCommand", AlertCommand.class,
            "MachineCommand", MachineCommand.class,
            "MachineStatus", MachineStatus.class,
            "ModelDescriptor", ModelDescriptor.class,
            "ScoredReading", ScoredReading.class,
            "MinuteAggregate", MinuteAggregate.class);

    record Example(String type, String json) {
    }

    private static List<Example> examples() throws Exception {
        final String doc = Files.readString(Path.of("..", "docs", "CONTRACT.md"));
        final List<Example> found = new ArrayList<>();
        final Matcher m = EXAMPLE.matcher(doc);
        while (m.find()) {
            found.add(new Example(m.group(1), m.group(2)));
        }
        return found;
    }

    @Test
    void everyMessageTypeHasAnExample() throws Exception {
        assertThat(examples()).extracting(Example::type).containsAll(TYPES.keySet());
    }

    @Test
    void everyExampleReadsAsItsType() throws Exception {
        for (final Example example : examples()) {
            assertThat(TYPES).as("known type %s", example.type()).containsKey(example.type());
            final Object event = new JsonSerde<>(TYPES.get(example.type()))
                    .deserialize("docs", example.json().getBytes(StandardCharsets.UTF_8));
            assertThat(event).as(example.json()).isNotNull();
        }
    }

    @Test
    void everyReadingExampleIsAcceptedByTheValidator() throws Exception {
        final ReadingParser parser = ReadingParser.withDefaults();
        for (final Example example : examples()) {
            if (example.type().equals("TelemetryReading")) {
                final ParseResult result = parser.parse(example.json().getBytes(StandardCharsets.UTF_8),
                        Instant.parse("2025-11-21T21:30:00Z"));
                assertThat(result.isAccepted()).as("%s: %s", example.json(), result.rejection()).isTrue();
            }
        }
    }
}
