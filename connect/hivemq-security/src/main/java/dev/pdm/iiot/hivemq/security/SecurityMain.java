package dev.pdm.iiot.hivemq.security;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.annotations.NotNull;
import com.hivemq.extension.sdk.api.client.ClientContext;
import com.hivemq.extension.sdk.api.client.parameter.InitializerInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.intializer.ClientInitializer;
import dev.pdm.iiot.hivemq.security.auth.CredentialAuthenticator;
import dev.pdm.iiot.hivemq.security.auth.RefuseAll;
import dev.pdm.iiot.hivemq.security.authz.AccessPolicy;
import dev.pdm.iiot.hivemq.security.authz.PublishGuard;
import dev.pdm.iiot.hivemq.security.authz.TopicAuthorizer;
import dev.pdm.iiot.hivemq.security.config.SecurityConfig;
import dev.pdm.iiot.hivemq.security.metrics.SecurityMetrics;
import dev.pdm.iiot.security.credentials.CredentialStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * MQTT authentication and authorization as a HiveMQ CE extension: clients authenticate with an account
 * of a credentials file (user name and password, or a client certificate), and each account's roles
 * decide which topics it may publish and subscribe to ({@link AccessPolicy}). Installed in HiveMQ's
 * {@code extensions/} folder it reads {@value SecurityConfig#FILE} there and the {@code PDM_SECURITY_*}
 * environment; embedded (local-stack, the platform) it is given its settings.
 *
 * <p>A configuration it cannot use (a missing or unreadable credentials file, a bad setting) does not
 * leave the broker open: the extension starts refusing every client, logs the reason as an error, and
 * says so in {@link #failure()}; an embedding application refuses to run that way.
 */
public final class SecurityMain implements ExtensionMain, ClientInitializer {

    public static final String ID = "pdm-security";
    public static final String NAME = "PDM MQTT security";
    /** Password checks at once: each keeps a core busy for 0.1–0.3 s. */
    static final int CHECK_THREADS = 2;
    /** Password checks waiting at most; beyond, a client is refused {@code SERVER_BUSY} and tries again. */
    static final int CHECK_QUEUE = 256;

    private static final Logger LOG = LoggerFactory.getLogger(SecurityMain.class);

    private final SecurityConfig given;
    private volatile SecurityMetrics metrics;
    private volatile PublishGuard guard;
    private volatile ExecutorService checks;
    private volatile String failure;

    /** For HiveMQ, which loads the extension from its folder. */
    public SecurityMain() {
        this(null);
    }

    /** An embedded extension with these settings. */
    public SecurityMain(final SecurityConfig config) {
        this.given = config;
    }

    @Override
    public void extensionStart(final @NotNull ExtensionStartInput input, final @NotNull ExtensionStartOutput output) {
        metrics = new SecurityMetrics(Services.metricRegistry());
        failure = null;
        final SecurityConfig config;
        final CredentialStore store;
        try {
            config = given != null ? given
                    : SecurityConfig.load(input.getExtensionInformation().getExtensionHomeFolder().toPath(),
                    System.getenv());
            store = CredentialStore.open(config.credentialsFile());
        } catch (RuntimeException e) {
            failure = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.error("MQTT security cannot use its configuration: {}. Every client is refused until this is fixed "
                    + "and the broker restarted.", failure);
            final RefuseAll refuseAll = new RefuseAll(metrics);
            Services.securityRegistry().setAuthenticatorProvider(providerInput -> refuseAll);
            return;
        }
        StartupWarnings.log(config, store);
        final AccessPolicy policy = new AccessPolicy(config);
        checks = checkPool();
        final CredentialAuthenticator authenticator = new CredentialAuthenticator(config, store, checks, metrics);
        final TopicAuthorizer authorizer = new TopicAuthorizer(policy, metrics);
        guard = new PublishGuard(policy, metrics);
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(providerInput -> authorizer);
        Services.initializerRegistry().setClientInitializer(this);
        LOG.info("MQTT security started: {} accounts from {}; readings on {}, alerts on {}; client certificates {}, "
                        + "anonymous readings {}", store.credentials().size(), config.credentialsFile(),
                config.readingsTopic(), config.alertsFilter(), config.clientCertificates() ? "accepted" : "not accepted",
                config.anonymousReadings() ? "ALLOWED" : "refused");
    }

    /** Gives every client the publish guard while the extension runs. */
    @Override
    public void initialize(final @NotNull InitializerInput input, final @NotNull ClientContext clientContext) {
        final PublishGuard current = guard;
        if (current != null) {
            clientContext.addPublishInboundInterceptor(current);
        }
    }

    @Override
    public void extensionStop(final @NotNull ExtensionStopInput input, final @NotNull ExtensionStopOutput output) {
        guard = null;
        final ExecutorService pool = checks;
        if (pool != null) {
            pool.shutdownNow();
            checks = null;
        }
        final SecurityMetrics current = metrics;
        if (current != null) {
            LOG.info("MQTT security stopped: {} clients refused, {} publishes and {} subscriptions refused",
                    current.refusedCount(), current.publishRefusedCount(), current.subscribeRefusedCount());
            current.unregister();
        }
    }

    /** Whether the extension runs with a usable configuration (not refusing everyone, not stopped). */
    public boolean isRunning() {
        return guard != null;
    }

    /** Why the extension refuses every client, if it does. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Its counters, once started. */
    public SecurityMetrics metrics() {
        return metrics;
    }

    private static ExecutorService checkPool() {
        final AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(CHECK_THREADS, CHECK_THREADS, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(CHECK_QUEUE), task -> {
                    final Thread thread = new Thread(task, "pdm-security-check-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }
}
