package dev.pdm.iiot.localstack.mqtt;

import dev.pdm.iiot.localstack.Ports;

import java.nio.file.Path;
import java.util.Objects;

/**
 * HiveMQ's MQTT over TLS listener, beside the plain one: the server's key and certificate from a
 * PKCS12 key store and, optionally, a trust store of the authorities whose client certificates the
 * broker accepts. With a trust store a client may present a certificate (client authentication
 * {@code OPTIONAL}): the broker verifies it against the trust store during the handshake, and an
 * authentication extension may then take the certificate's identity; a client without one
 * authenticates as on the plain listener.
 *
 * @param port               the TLS port, 0 = a free port chosen at the first start (8883 is MQTT's)
 * @param keystore           PKCS12 key store with the server's private key and certificate chain
 * @param keystorePassword   its password, also the key's
 * @param truststore         PKCS12 trust store of client certificate authorities, or null for no client certificates
 * @param truststorePassword its password, or null without a trust store
 */
public record MqttTls(int port, Path keystore, String keystorePassword, Path truststore, String truststorePassword) {

    /** MQTT over TLS's registered port. */
    public static final int DEFAULT_PORT = 8883;

    public MqttTls {
        Ports.check(port);
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        if ((truststore == null) != (truststorePassword == null)) {
            throw new IllegalArgumentException("a trust store for client certificates needs its password, and a "
                    + "password its trust store");
        }
    }

    /** A listener without client certificates. */
    public static MqttTls of(final int port, final Path keystore, final String keystorePassword) {
        return new MqttTls(port, keystore, keystorePassword, null, null);
    }

    /** The same listener that also accepts client certificates of the authorities in this trust store. */
    public MqttTls withClientCertificates(final Path trusted, final String password) {
        return new MqttTls(port, keystore, keystorePassword, Objects.requireNonNull(trusted, "trusted"),
                Objects.requireNonNull(password, "password"));
    }

    public MqttTls withPort(final int newPort) {
        return new MqttTls(newPort, keystore, keystorePassword, truststore, truststorePassword);
    }

    /** Whether clients may authenticate with a certificate. */
    public boolean acceptsClientCertificates() {
        return truststore != null;
    }

    /** Never the passwords. */
    @Override
    public String toString() {
        return "MqttTls[port=" + port + ", keystore=" + keystore
                + (truststore == null ? "" : ", client certificates from " + truststore) + "]";
    }
}
