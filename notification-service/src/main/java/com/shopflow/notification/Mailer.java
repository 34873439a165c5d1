package com.shopflow.notification;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Port to the mail server; implemented over SMTP in the {@code mail} package. */
public interface Mailer {

    /**
     * Hands the mail to the server; returns once the server accepted it.
     *
     * @throws MailDeliveryException when the server is unreachable or refuses the mail
     */
    void send(OutgoingMail mail);

    /**
     * Hands several mails to the server, in order, over one connection where the server allows it.
     *
     * @return why a mail was not accepted, by its index in {@code mails}; a mail whose index is absent was accepted
     */
    default Map<Integer, MailDeliveryException> sendAll(List<OutgoingMail> mails) {
        Map<Integer, MailDeliveryException> failures = new HashMap<>();
        for (int i = 0; i < mails.size(); i++) {
            try {
                send(mails.get(i));
            } catch (MailDeliveryException e) {
                failures.put(i, e);
            }
        }
        return failures;
    }
}
