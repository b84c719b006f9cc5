package dev.pdm.iiot.notifier.delivery;

import dev.pdm.iiot.notifier.rules.ChannelKind;
import dev.pdm.iiot.notifier.rules.Recipient;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import jakarta.enterprise.context.ApplicationScoped;

/** Plain-text mail over SMTP ({@code quarkus.mailer.*}). */
@ApplicationScoped
public class MailChannel implements Channel {

    private final Mailer mailer;

    public MailChannel(final Mailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.MAIL;
    }

    @Override
    public void send(final Recipient recipient, final Message message, final long id) throws DeliveryException {
        try {
            mailer.send(Mail.withText(recipient.address(), message.subject(), message.text())
                    .addHeader("X-Notification-Id", Long.toString(id)));
        } catch (RuntimeException e) {
            throw new DeliveryException("SMTP: " + rootMessage(e), e);
        }
    }

    private static String rootMessage(final Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
