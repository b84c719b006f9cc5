package dev.pdm.iiot.localstack.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test class against a started stack of the platform's brokers, shared by the class or by
 * the whole test run, and injects it into test constructors and methods that declare a parameter
 * of type {@code BrokerStack} or {@code LocalStack}.
 *
 * <pre>{@code
 * @LocalStackTest(scope = LocalStackTest.Scope.RUN)
 * class TelemetryBridgeIT {
 *     @Test
 *     void bridgesReadings(BrokerStack stack) { ... stack.bootstrapServers() ... }
 * }
 * }</pre>
 *
 * <p>The stack is in-process ({@code LocalStack}: in-memory HiveMQ persistence, temporary data
 * folder, free ports) unless the system property {@code iiot.stack=containers} asks for the
 * Testcontainers stack; then a test that asks for a {@code LocalStack} is skipped, and without a
 * Docker engine the whole class is.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(LocalStackExtension.class)
public @interface LocalStackTest {

    /** How long one started stack lives. */
    Scope scope() default Scope.CLASS;

    /** Whether the stack runs a Kafka Connect worker. */
    boolean connect() default true;

    /** Lifetimes of a shared stack. */
    enum Scope {
        /** One stack for the annotated class (and its nested classes), stopped after it. */
        CLASS,
        /** One stack for every class of the test run with the same settings, stopped at the end of the run. */
        RUN
    }
}
