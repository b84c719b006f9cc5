package dev.pdm.iiot.localstack.junit;

import dev.pdm.iiot.localstack.BrokerStack;
import dev.pdm.iiot.localstack.LocalStack;
import dev.pdm.iiot.localstack.StackMode;
import dev.pdm.iiot.localstack.containers.ContainerStack;
import dev.pdm.iiot.localstack.mqtt.MqttPersistence;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Executable;
import java.util.Arrays;
import java.util.Optional;

/**
 * The extension behind {@link LocalStackTest}: starts the stack before the first test that needs
 * it, keeps it in the JUnit store of the class or of the whole run (which closes it at the end of
 * that scope), and resolves {@link BrokerStack} and {@link LocalStack} parameters.
 */
public final class LocalStackExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(final ExtensionContext context) {
        final StackMode mode = StackMode.current();
        if (mode == StackMode.INPROCESS) {
            return ConditionEvaluationResult.enabled("in-process stack");
        }
        if (!ContainerStack.isDockerAvailable()) {
            return ConditionEvaluationResult.disabled(StackMode.PROPERTY
                    + "=containers, but no Docker engine answers: skipped (run without it for the in-process stack)");
        }
        final boolean needsLocalStack = context.getTestMethod().map(LocalStackExtension::asksForLocalStack)
                .orElseGet(() -> context.getTestClass()
                        .map(type -> Arrays.stream(type.getDeclaredConstructors())
                                .anyMatch(LocalStackExtension::asksForLocalStack))
                        .orElse(false));
        if (needsLocalStack) {
            return ConditionEvaluationResult.disabled("needs the in-process LocalStack, but " + StackMode.PROPERTY
                    + "=containers: skipped");
        }
        return ConditionEvaluationResult.enabled("container stack");
    }

    @Override
    public void beforeAll(final ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(final ParameterContext parameter, final ExtensionContext context) {
        final Class<?> type = parameter.getParameter().getType();
        return type == BrokerStack.class || type == LocalStack.class;
    }

    @Override
    public Object resolveParameter(final ParameterContext parameter, final ExtensionContext context) {
        return stack(context);
    }

    private static BrokerStack stack(final ExtensionContext context) {
        final ExtensionContext classContext = annotatedClassContext(context);
        final Optional<LocalStackTest> settings = classContext.getTestClass()
                .flatMap(type -> AnnotationSupport.findAnnotation(type, LocalStackTest.class));
        final LocalStackTest.Scope scope = settings.map(LocalStackTest::scope).orElse(LocalStackTest.Scope.CLASS);
        final boolean withConnect = settings.map(LocalStackTest::connect).orElse(true);
        final StackMode mode = StackMode.current();
        final ExtensionContext owner = scope == LocalStackTest.Scope.RUN ? context.getRoot() : classContext;
        final String key = "stack-" + mode + (withConnect ? "-with-connect" : "-without-connect");
        return owner.getStore(NAMESPACE).computeIfAbsent(key, ignored -> start(mode, withConnect), BrokerStack.class);
    }

    private static BrokerStack start(final StackMode mode, final boolean withConnect) {
        if (mode == StackMode.CONTAINERS) {
            return ContainerStack.start(withConnect);
        }
        return LocalStack.builder()
                .mqttPersistence(MqttPersistence.IN_MEMORY)
                .withConnect(withConnect)
                .build()
                .start();
    }

    /** The context of the innermost class carrying {@link LocalStackTest}, else of the outermost class. */
    private static ExtensionContext annotatedClassContext(final ExtensionContext context) {
        ExtensionContext outermostClass = context;
        for (ExtensionContext current = context; current.getParent().isPresent();
             current = current.getParent().get()) {
            final Optional<Class<?>> element = current.getElement()
                    .filter(Class.class::isInstance)
                    .map(Class.class::cast);
            if (element.isPresent()) {
                if (AnnotationSupport.isAnnotated(element.get(), LocalStackTest.class)) {
                    return current;
                }
                outermostClass = current;
            }
        }
        return outermostClass;
    }

    private static boolean asksForLocalStack(final Executable executable) {
        return Arrays.stream(executable.getParameterTypes()).anyMatch(type -> type == LocalStack.class);
    }
}
