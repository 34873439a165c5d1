package com.shopflow.notification;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;

/** Reads what a test needs out of a received mail. */
record Mails(String contentType, String text, String html) {

    /** The text/plain and text/html alternatives of a multipart/alternative mail. */
    static Mails parts(MimeMessage message) throws MessagingException, IOException {
        MimeMultipart multipart = (MimeMultipart) message.getContent();
        String text = null;
        String html = null;
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                text = (String) part.getContent();
            } else if (part.isMimeType("text/html")) {
                html = (String) part.getContent();
            }
        }
        return new Mails(message.getContentType(), text, html);
    }
}
