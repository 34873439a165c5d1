package com.shopflow.notification.mail;

import com.shopflow.notification.MailDeliveryException;
import com.shopflow.notification.Mailer;
import com.shopflow.notification.NotificationProperties;
import com.shopflow.notification.OutgoingMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeMessage;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Sends notifications over SMTP as multipart/alternative (plain text and HTML) with their stable Message-ID. */
@Component
public class SmtpMailer implements Mailer {

    private static final String UTF_8 = "UTF-8";

    static {
        // Jakarta Mail looks its StreamProvider up on every body part it encodes; without this property that is a
        // ServiceLoader scan of the whole (nested-jar) class path each time: 3/4 of notification-service's CPU under
        // load (JFR, 2026-11-26). Named, it is one Class.forName.
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private final JavaMailSender sender;
    private final NotificationProperties properties;

    public SmtpMailer(JavaMailSender sender, NotificationProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public void send(OutgoingMail mail) {
        MimeMessage message;
        try {
            message = compose(mail);
        } catch (MessagingException e) {
            throw new MailDeliveryException("Could not compose mail " + mail.messageId(), false, e);
        }
        try {
            // JavaMailSenderImpl keeps an explicitly set Message-ID instead of generating a new one on saveChanges().
            sender.send(message);
        } catch (MailException e) {
            throw new MailDeliveryException("SMTP server did not accept mail " + mail.messageId(), unreachable(e), e);
        }
    }

    /** Sends the composable mails over one SMTP connection; per-message refusals come back by index. */
    @Override
    public Map<Integer, MailDeliveryException> sendAll(List<OutgoingMail> mails) {
        Map<Integer, MailDeliveryException> failures = new HashMap<>();
        Map<MimeMessage, Integer> indexOf = new IdentityHashMap<>();
        List<MimeMessage> messages = new ArrayList<>();
        for (int i = 0; i < mails.size(); i++) {
            try {
                MimeMessage message = compose(mails.get(i));
                indexOf.put(message, i);
                messages.add(message);
            } catch (MessagingException e) {
                failures.put(i, new MailDeliveryException("Could not compose mail " + mails.get(i).messageId(), false, e));
            }
        }
        if (messages.isEmpty()) {
            return failures;
        }
        try {
            sender.send(messages.toArray(MimeMessage[]::new));
        } catch (MailSendException e) {
            if (e.getFailedMessages().isEmpty()) {
                failAll(indexOf, mails, e, failures);
            }
            e.getFailedMessages().forEach((message, cause) -> {
                Integer i = indexOf.get(message);
                if (i != null) {
                    failures.put(i, new MailDeliveryException("SMTP server did not accept mail "
                            + mails.get(i).messageId(), unreachable(cause), cause));
                }
            });
        } catch (MailException e) {
            // Authentication or connection set-up failed before any message went out.
            failAll(indexOf, mails, e, failures);
        }
        return failures;
    }

    private static void failAll(Map<MimeMessage, Integer> indexOf, List<OutgoingMail> mails, MailException error,
            Map<Integer, MailDeliveryException> failures) {
        boolean unreachable = unreachable(error);
        indexOf.values().forEach(i -> failures.put(i, new MailDeliveryException("SMTP server did not accept mail "
                + mails.get(i).messageId(), unreachable, error)));
    }

    private MimeMessage compose(OutgoingMail mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        message.setFrom(new InternetAddress(properties.from()));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient()));
        message.setSubject(mail.content().subject(), UTF_8);
        // Text first, HTML last: in multipart/alternative the last part is the richest one a client can show.
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.content().text(), UTF_8, "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.content().html(), UTF_8, "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        message.setHeader("Message-ID", mail.messageId());
        return message;
    }

    private static boolean unreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof SocketTimeoutException
                    || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException) {
                return true;
            }
            if (cause instanceof MailSendException send) {
                for (Exception perMessage : send.getMessageExceptions()) {
                    if (perMessage != cause && unreachable(perMessage)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
