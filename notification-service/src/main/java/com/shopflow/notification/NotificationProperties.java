package com.shopflow.notification;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the notification sender.
 *
 * @param from            sender address of every mail
 * @param messageIdDomain right-hand side of generated Message-IDs ({@code <eventId@domain>})
 * @param locale          locale for money and text formatting in mails
 * @param pollInterval    how often the sender looks for due mails when nothing woke it
 * @param batchSize       most mails claimed in one round
 * @param lease           how long a claimed mail is reserved for the claiming sender before another may retry it
 * @param retry           back-off between attempts while the mail server is unreachable
 */
@ConfigurationProperties("shopflow.notification")
public record NotificationProperties(
        @DefaultValue("ShopFlow <orders@shopflow.local>") String from,
        @DefaultValue("shopflow") String messageIdDomain,
        @DefaultValue("en-US") Locale locale,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("2m") Duration lease,
        @DefaultValue Retry retry) {

    /**
     * Exponential back-off per notification: {@code initial * multiplier^(attempts-1)}, capped at {@code max}.
     *
     * @param initial    wait after the first failed attempt
     * @param multiplier growth per further failure
     * @param max        longest wait; the sender keeps retrying at this pace until the server is back
     */
    public record Retry(
            @DefaultValue("1s") Duration initial,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("5m") Duration max) {

        public Duration delayAfter(int attempts) {
            double factor = Math.pow(multiplier, Math.max(0, attempts - 1));
            double millis = initial.toMillis() * factor;
            return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
        }
    }
}
