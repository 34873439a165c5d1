package com.shopflow.notification;

/** Everything the mail server needs for one notification, including its stable Message-ID. */
public record OutgoingMail(String messageId, String recipient, MailContent content) {
}
