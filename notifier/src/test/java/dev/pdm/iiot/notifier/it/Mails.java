package dev.pdm.iiot.notifier.it;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.pdm.iiot.notifier.store.DeliveryQueue;
import dev.pdm.iiot.notifier.store.DeliveryStatus;
import dev.pdm.iiot.notifier.store.Notification;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.awaitility.Awaitility;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The mail the SMTP server received, as subject and body. */
public final class Mails {

    /** One received mail. */
    public record Mail(String to, String subject, String body) {
    }

    private Mails() {
    }

    /**
     * Waits until the condition on the received mail holds. A mail whose SMTP attempt failed (now and
     * then a connection of the Vert.x mail client stalls until GreenMail times it out, after
     * {@link NotifierTestResource}'s few seconds, and answers 421)
     * is retried at its backoff: the wait moves the test clock there, as the time a real retry
     * would take, so the notifier's own retry delivers it.
     */
    public static void awaitReceived(final BooleanSupplier received, final TestClock clock, final DeliveryQueue queue) {
        Awaitility.await().atMost(Duration.ofSeconds(120)).until(() -> {
            if (received.getAsBoolean()) {
                return true;
            }
            final Instant now = clock.instant();
            retriedMail(queue).map(Notification::nextAttemptAt).filter(now::isBefore)
                    .ifPresent(due -> clock.advance(Duration.between(now, due)));
            return false;
        });
    }

    private static Optional<Notification> retriedMail(final DeliveryQueue queue) throws SQLException {
        return queue.byStatus(DeliveryStatus.PENDING, 1000).stream()
                .filter(n -> n.attempts() > 0 && n.recipient().startsWith("mail:"))
                .min(Comparator.comparing(Notification::nextAttemptAt));
    }

    /** The mails to the address whose subject contains the text. */
    public static List<Mail> to(final String address, final String subjectContains) {
        final List<Mail> found = new ArrayList<>();
        try {
            for (final MimeMessage message : NotifierTestResource.mail().getReceivedMessages()) {
                final boolean addressed = Arrays.stream(message.getAllRecipients()).map(Address::toString)
                        .anyMatch(address::equals);
                if (addressed && message.getSubject().contains(subjectContains)) {
                    found.add(new Mail(address, message.getSubject(), GreenMailUtil.getBody(message)));
                }
            }
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
