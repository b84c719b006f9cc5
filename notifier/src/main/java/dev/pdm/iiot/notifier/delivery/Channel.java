package dev.pdm.iiot.notifier.delivery;

import dev.pdm.iiot.notifier.rules.ChannelKind;
import dev.pdm.iiot.notifier.rules.Recipient;

/** One way of telling people. */
public interface Channel {

    ChannelKind kind();

    /**
     * Delivers the message, or throws; blocking.
     *
     * @param id the notification's id, which a receiver may use to recognise a repeat
     */
    void send(Recipient recipient, Message message, long id) throws DeliveryException;
}
