package dev.pdm.iiot.notifier.rules;

import dev.pdm.iiot.notifier.config.NotifierConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The rule book of the configuration, checked at start. */
@Singleton
public class RuleBookProducer {

    private static final Logger LOG = LoggerFactory.getLogger(RuleBookProducer.class);

    @Produces
    @Singleton
    public RuleBook ruleBook(final NotifierConfig config) {
        final RuleBook book = RuleBook.from(config);
        if (book.rules().isEmpty()) {
            LOG.warn("no rules (notifier.rules.*): nobody is told of any alert");
        }
        for (final NotificationRule rule : book.rules()) {
            LOG.info("rule {}: machines {}, groups {}, types {}, from {}, to {}{}{}", rule.name(), rule.machines(),
                    rule.groups(), rule.types().isEmpty() ? "all" : rule.types(), rule.minSeverity(),
                    rule.recipients(),
                    rule.digest().map(period -> ", digest every " + period).orElse(""),
                    rule.escalationAfter().map(after -> ", escalated after " + after + " to "
                            + rule.escalationRecipients()).orElse(""));
        }
        return book;
    }
}
