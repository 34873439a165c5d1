package com.shopflow.notification;

/** A rendered mail: subject plus the plain-text and HTML alternatives of the body. */
public record MailContent(String subject, String text, String html) {
}
