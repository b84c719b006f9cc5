package dev.pdm.iiot.connect.mqtt;

import dev.pdm.iiot.connect.config.MqttCommonConfig;
import dev.pdm.iiot.connect.config.MqttCommonConfig.TlsSettings;
import dev.pdm.iiot.events.transport.NoDelaySocketFactory;
import dev.pdm.iiot.events.transport.NoDelaySslSocketFactory;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.errors.ConnectException;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Builds Paho MQTT 5 clients and their connection options from a connector's settings. Every
 * client gets a socket factory with TCP_NODELAY: Paho leaves Nagle on, which caps a QoS 1 client
 * near a thousand messages a second.
 */
public final class MqttClients {

    private MqttClients() {
    }

    /** A client with in-memory state: the broker's session, not a local file, carries what must survive. */
    public static MqttAsyncClient client(final String serverUri, final String clientId) {
        try {
            return new MqttAsyncClient(serverUri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new ConnectException("cannot create an MQTT client for " + serverUri + ": " + e.getMessage(), e);
        }
    }

    /**
     * Connection options shared by both connectors; the caller sets the session (clean start, expiry)
     * and receive maximum. Automatic reconnection is off: {@link MqttConnection} reconnects itself, so
     * that it can re-subscribe and count.
     *
     * @throws ConnectException when the TLS stores cannot be read
     */
    public static MqttConnectionOptions options(final MqttCommonConfig config, final String serverUri) {
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setServerURIs(new String[] {serverUri});
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval(config.keepAliveSeconds());
        options.setConnectionTimeout(config.connectionTimeoutSeconds());
        if (config.username() != null) {
            options.setUserName(config.username());
        }
        if (config.password() != null) {
            options.setPassword(config.password().value().getBytes(StandardCharsets.UTF_8));
        }
        if (serverUri.startsWith("ssl://")) {
            final TlsSettings tls = config.tls();
            options.setSocketFactory(new NoDelaySslSocketFactory(sslContext(tls).getSocketFactory()));
            options.setHttpsHostnameVerificationEnabled(tls.hostnameVerification());
        } else {
            options.setSocketFactory(NoDelaySocketFactory.plain());
        }
        return options;
    }

    static SSLContext sslContext(final TlsSettings tls) {
        try {
            TrustManagerFactory tmf = null;
            if (tls.truststoreLocation() != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(tls.truststoreLocation(), tls.truststoreType(), tls.truststorePassword()));
            }
            KeyManagerFactory kmf = null;
            if (tls.keystoreLocation() != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(tls.keystoreLocation(), tls.keystoreType(), tls.keystorePassword()),
                        chars(tls.keystorePassword()));
            }
            final SSLContext context = SSLContext.getInstance(tls.protocol());
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConnectException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(final String location, final String type, final Password password)
            throws GeneralSecurityException, IOException {
        final Path path = Path.of(location);
        if (!Files.isReadable(path)) {
            throw new IOException("the store " + location + " does not exist or cannot be read");
        }
        final KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, chars(password));
        }
        return store;
    }

    private static char[] chars(final Password password) {
        return password == null ? null : password.value().toCharArray();
    }
}
