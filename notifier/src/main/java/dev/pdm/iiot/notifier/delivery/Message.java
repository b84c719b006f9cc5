package dev.pdm.iiot.notifier.delivery;

/**
 * One notification as each channel sends it.
 *
 * @param subject the mail's subject, also the chat message's first line
 * @param text    the mail's body
 * @param json    the generic webhook's body
 * @param chat    the chat webhook's text
 */
public record Message(String subject, String text, String json, String chat) {
}
