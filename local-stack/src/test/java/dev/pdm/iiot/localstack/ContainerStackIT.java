package dev.pdm.iiot.localstack;

import dev.pdm.iiot.localstack.containers.ContainerStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.util.concurrent.TimeUnit;

/**
 * The contract on Docker: Kafka and HiveMQ CE containers, Connect in this JVM. Runs wherever a
 * Docker engine answers; skipped where none does.
 */
@Testcontainers(disabledWithoutDocker = true)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContainerStackIT extends BrokerStackContract {

    private static ContainerStack stack;

    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    static void startContainers() {
        stack = ContainerStack.start(true);
    }

    @AfterAll
    static void stopContainers() {
        if (stack != null) {
            stack.close();
        }
    }

    @Override
    protected BrokerStack stack() {
        return stack;
    }
}
