package com.shopflow.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** One mail about one order event: its rendered content and whether the mail server has accepted it yet. */
@Entity
@Table(name = "notification")
public class Notification {

    /** Longest error text kept; enough to diagnose, small enough not to bloat the row on every retry. */
    private static final int MAX_ERROR_LENGTH = 1000;

    @Id
    private UUID id;

    @Column(name = "order_id", nullable = false, updatable = false)
    private UUID orderId;

    /** Null only for mails recorded before the column existed (see V2__notification_customer.sql). */
    @Column(name = "customer_id", updatable = false)
    private String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private NotificationKind kind;

    @Column(name = "event_id", nullable = false, updatable = false)
    private String eventId;

    @Column(nullable = false, updatable = false)
    private String recipient;

    @Column(nullable = false, updatable = false)
    private String subject;

    @Column(name = "text_body", nullable = false, updatable = false)
    private String textBody;

    @Column(name = "html_body", nullable = false, updatable = false)
    private String htmlBody;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NotificationStatus status;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "message_id", nullable = false, updatable = false)
    private String messageId;

    // A wrapper, null until stored: Spring Data then knows the mail is new and inserts it (the id is assigned here, so
    // it cannot tell by the id; save() used to merge, a SELECT before every INSERT).
    @Version
    private Long version;

    protected Notification() {
        // for JPA
    }

    private Notification(OrderMail mail, MailContent content, String messageId, Instant now) {
        this.id = UUID.randomUUID();
        this.orderId = mail.orderId();
        this.customerId = mail.customerId();
        this.kind = mail.kind();
        this.eventId = mail.eventId();
        this.recipient = mail.recipient();
        this.subject = content.subject();
        this.textBody = content.text();
        this.htmlBody = content.html();
        this.status = NotificationStatus.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.createdAt = now;
        this.messageId = messageId;
    }

    /** A new pending notification, due at once. */
    static Notification pending(OrderMail mail, MailContent content, String messageId, Instant now) {
        return new Notification(mail, content, messageId, now);
    }

    /** Reserves the notification for one sender until {@code leaseUntil}, so no other instance sends it meanwhile. */
    void lease(Instant leaseUntil) {
        this.nextAttemptAt = leaseUntil;
    }

    void markSent(Instant at) {
        this.status = NotificationStatus.SENT;
        this.sentAt = at;
        this.lastError = null;
    }

    void markFailed(String error, Instant retryAt) {
        this.attempts++;
        this.lastError = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        this.nextAttemptAt = retryAt;
    }

    /** Moves the next attempt without counting one, for mails not tried because the server was already down. */
    void postpone(Instant retryAt) {
        this.nextAttemptAt = retryAt;
    }

    OutgoingMail toMail() {
        return new OutgoingMail(messageId, recipient, new MailContent(subject, textBody, htmlBody));
    }

    public UUID id() {
        return id;
    }

    public UUID orderId() {
        return orderId;
    }

    /** The customer who placed the order, or null for a mail recorded before customers were stored. */
    public String customerId() {
        return customerId;
    }

    public NotificationKind kind() {
        return kind;
    }

    public String eventId() {
        return eventId;
    }

    public String recipient() {
        return recipient;
    }

    public String subject() {
        return subject;
    }

    public String textBody() {
        return textBody;
    }

    public String htmlBody() {
        return htmlBody;
    }

    public NotificationStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public String lastError() {
        return lastError;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public String messageId() {
        return messageId;
    }
}
