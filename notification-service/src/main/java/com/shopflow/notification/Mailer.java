package com.shopflow.notification;

/** Port to the mail server; implemented over SMTP in the {@code mail} package. */
public interface Mailer {

    /**
     * Hands the mail to the server; returns once the server accepted it.
     *
     * @throws MailDeliveryException when the server is unreachable or refuses the mail
     */
    void send(OutgoingMail mail);
}
