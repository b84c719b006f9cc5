package dev.pdm.iiot.localstack;

import dev.pdm.iiot.localstack.junit.LocalStackTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link LocalStackTest} starts one stack and hands the same one to constructors, methods and nested classes. */
@LocalStackTest(scope = LocalStackTest.Scope.RUN, connect = false)
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LocalStackExtensionIT {

    private final LocalStack fromConstructor;

    LocalStackExtensionIT(final LocalStack stack) {
        this.fromConstructor = stack;
    }

    @Test
    void injectsOneStartedStackIntoConstructorAndMethod(final BrokerStack stack) {
        assertThat(stack).isSameAs(fromConstructor);
        assertThat(fromConstructor.isRunning()).isTrue();
        assertThat(stack.bootstrapServers()).startsWith("127.0.0.1:");
        assertThat(stack.mqttUri()).startsWith("tcp://127.0.0.1:");
    }

    @Test
    void startsTheStackWithoutConnectWhenAskedTo(final LocalStack stack) {
        assertThat(stack.connect()).isEmpty();
        assertThatThrownBy(stack::connectUrl).isInstanceOf(IllegalStateException.class);
    }

    @Nested
    class NestedTests {

        @Test
        void nestedClassesShareTheStackOfTheirOuterClass(final BrokerStack stack) {
            assertThat(stack).isSameAs(fromConstructor);
        }
    }
}
