package dev.pdm.iiot.localstack.mqtt;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CombinedExtensionTest {

    private final List<String> events = new CopyOnWriteArrayList<>();

    private EmbeddedExtension part(final String id, final int priority, final String refusal) {
        return EmbeddedExtension.builder().withId(id).withName(id).withVersion("1").withPriority(priority)
                .withStartPriority(priority).withExtensionMain(new ExtensionMain() {
                    @Override
                    public void extensionStart(final ExtensionStartInput input, final ExtensionStartOutput output) {
                        events.add("start " + id);
                        if (refusal != null) {
                            output.preventExtensionStartup(refusal);
                        }
                    }

                    @Override
                    public void extensionStop(final ExtensionStopInput input, final ExtensionStopOutput output) {
                        events.add("stop " + id);
                    }
                }).build();
    }

    @Test
    void onePartIsEmbeddedAsItIs() {
        final EmbeddedExtension only = part("only", 5, null);

        assertThat(CombinedExtension.of(List.of(only))).isSameAs(only);
        assertThatThrownBy(() -> CombinedExtension.of(List.of())).hasMessageContaining("no extension");
    }

    @Test
    void partsStartByStartPriorityAndStopInReverse() {
        final EmbeddedExtension combined = CombinedExtension.of(
                List.of(part("bridge", 1000, null), part("security", 2000, null)));

        combined.getExtensionMain().extensionStart(null, reason -> events.add("combined refused"));
        combined.getExtensionMain().extensionStop(null, new ExtensionStopOutput() { });

        assertThat(events).containsExactly("start security", "start bridge", "stop bridge", "stop security");
        assertThat(combined.getId()).isEqualTo("bridge+security");
        assertThat(combined.getPriority()).isEqualTo(2000);
        assertThat(combined.getStartPriority()).isEqualTo(2000);
    }

    @Test
    void aPartThatRefusesToStartIsLeftOutWhileTheOthersRun() {
        final EmbeddedExtension combined = CombinedExtension.of(
                List.of(part("bridge", 1000, "no Kafka"), part("security", 2000, null)));

        combined.getExtensionMain().extensionStart(null, reason -> events.add("combined refused"));
        combined.getExtensionMain().extensionStop(null, new ExtensionStopOutput() { });

        assertThat(events).containsExactly("start security", "start bridge", "stop security");
    }
}
