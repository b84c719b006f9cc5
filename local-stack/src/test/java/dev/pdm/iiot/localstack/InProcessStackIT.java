package dev.pdm.iiot.localstack;

import dev.pdm.iiot.localstack.junit.LocalStackTest;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

/**
 * The contract on the in-process stack: real Kafka, HiveMQ CE and Connect in this JVM. Asking for a
 * {@link LocalStack} keeps it in-process (skipped when {@code iiot.stack=containers}).
 */
@LocalStackTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class InProcessStackIT extends BrokerStackContract {

    private final LocalStack stack;

    InProcessStackIT(final LocalStack stack) {
        this.stack = stack;
    }

    @Override
    protected BrokerStack stack() {
        return stack;
    }
}
