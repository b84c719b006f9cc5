package dev.pdm.iiot.simulator.mqtt;

import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.internal.MqttConnectionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;

/**
 * Turns off Paho's outgoing MQTT 5 topic aliases for one client.
 *
 * <p>Paho 1.2.5 replaces the topic of a QoS 1 message with an alias the broker allowed, and keeps
 * the message that way while it waits for the PUBACK. When the connection drops, it sends those
 * messages again on the new connection, where the alias means nothing: the broker disconnects the
 * client ("Topic alias in PUBLISH could not be mapped", reason 0x94) and it does so again after
 * every reconnect, for ever (paho.mqtt.java issues 527 and 1104). A publisher that must survive a
 * broker restart therefore sends full topics only. Paho has no option for it, so the client's
 * internal connection state is wrapped, once, in one that reports a topic alias maximum of 0; the
 * broker's other limits pass through unchanged.
 */
final class OutgoingTopicAliases {

    private static final Logger LOG = LoggerFactory.getLogger(OutgoingTopicAliases.class);

    private OutgoingTopicAliases() {
    }

    /** @return whether the aliases are off; false (logged) when this Paho version is laid out differently */
    static boolean disable(final MqttAsyncClient client) {
        try {
            final Object comms = field(MqttAsyncClient.class, "comms").get(client);
            final Object clientState = field(comms.getClass(), "clientState").get(comms);
            final Field connection = field(clientState.getClass(), "mqttConnection");
            final MqttConnectionState state = (MqttConnectionState) connection.get(clientState);
            if (!(state instanceof WithoutOutgoingAliases)) {
                connection.set(clientState, new WithoutOutgoingAliases(state));
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot turn off Paho's outgoing topic aliases ({}); after a broker restart the client may be"
                    + " refused in a loop if the broker allows aliases", e.toString());
            return false;
        }
    }

    private static Field field(final Class<?> type, final String name) throws NoSuchFieldException {
        final Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** The connection state as the broker set it, except that no outgoing topic alias is allowed. */
    static final class WithoutOutgoingAliases extends MqttConnectionState {
        private final MqttConnectionState delegate;

        WithoutOutgoingAliases(final MqttConnectionState delegate) {
            super(delegate.getClientId());
            this.delegate = delegate;
        }

        @Override
        public Integer getOutgoingTopicAliasMaximum() {
            return 0;
        }

        @Override
        public void setOutgoingTopicAliasMaximum(final Integer value) {
            delegate.setOutgoingTopicAliasMaximum(value);
        }

        @Override
        public String getClientId() {
            return delegate.getClientId();
        }

        @Override
        public void clearConnectionState() {
            delegate.clearConnectionState();
        }

        @Override
        public Integer getReceiveMaximum() {
            return delegate.getReceiveMaximum();
        }

        @Override
        public void setReceiveMaximum(final Integer value) {
            delegate.setReceiveMaximum(value);
        }

        @Override
        public Integer getMaximumQoS() {
            return delegate.getMaximumQoS();
        }

        @Override
        public void setMaximumQoS(final Integer value) {
            delegate.setMaximumQoS(value);
        }

        @Override
        public Boolean isRetainAvailable() {
            return delegate.isRetainAvailable();
        }

        @Override
        public void setRetainAvailable(final Boolean value) {
            delegate.setRetainAvailable(value);
        }

        @Override
        public Long getOutgoingMaximumPacketSize() {
            return delegate.getOutgoingMaximumPacketSize();
        }

        @Override
        public void setOutgoingMaximumPacketSize(final Long value) {
            delegate.setOutgoingMaximumPacketSize(value);
        }

        @Override
        public Long getIncomingMaximumPacketSize() {
            return delegate.getIncomingMaximumPacketSize();
        }

        @Override
        public void setIncomingMaximumPacketSize(final Long value) {
            delegate.setIncomingMaximumPacketSize(value);
        }

        @Override
        public Boolean isWildcardSubscriptionsAvailable() {
            return delegate.isWildcardSubscriptionsAvailable();
        }

        @Override
        public void setWildcardSubscriptionsAvailable(final Boolean value) {
            delegate.setWildcardSubscriptionsAvailable(value);
        }

        @Override
        public Boolean isSubscriptionIdentifiersAvailable() {
            return delegate.isSubscriptionIdentifiersAvailable();
        }

        @Override
        public void setSubscriptionIdentifiersAvailable(final Boolean value) {
            delegate.setSubscriptionIdentifiersAvailable(value);
        }

        @Override
        public Boolean isSharedSubscriptionsAvailable() {
            return delegate.isSharedSubscriptionsAvailable();
        }

        @Override
        public void setSharedSubscriptionsAvailable(final Boolean value) {
            delegate.setSharedSubscriptionsAvailable(value);
        }

        @Override
        public Integer getNextOutgoingTopicAlias() {
            return delegate.getNextOutgoingTopicAlias();
        }

        @Override
        public Integer getIncomingTopicAliasMax() {
            return delegate.getIncomingTopicAliasMax();
        }

        @Override
        public void setIncomingTopicAliasMax(final Integer value) {
            delegate.setIncomingTopicAliasMax(value);
        }

        @Override
        public boolean isSendReasonMessages() {
            return delegate.isSendReasonMessages();
        }

        @Override
        public void setSendReasonMessages(final boolean value) {
            delegate.setSendReasonMessages(value);
        }

        @Override
        public long getKeepAlive() {
            return delegate.getKeepAlive();
        }

        @Override
        public void setKeepAliveSeconds(final long value) {
            delegate.setKeepAliveSeconds(value);
        }
    }
}
