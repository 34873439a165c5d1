package com.shopflow.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The notification use cases: record the mail an order event calls for, deliver due mails, and list what was sent.
 *
 * <p>Recording happens in the caller's (inbox) transaction and never talks to the mail server. Delivery claims due
 * mails in one short transaction, talks SMTP with no transaction open, and records each outcome in another short
 * transaction, so a slow or absent mail server never holds a database connection or lock.
 */
@Service
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private final NotificationRepository repository;
    private final MailTemplates templates;
    private final Mailer mailer;
    private final NotificationEvents events;
    private final MailMetrics metrics;
    private final NotificationProperties properties;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transaction;

    public Notifications(NotificationRepository repository, MailTemplates templates, Mailer mailer,
                         NotificationEvents events, MailMetrics metrics, NotificationProperties properties,
                         ApplicationEventPublisher publisher, PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.templates = templates;
        this.mailer = mailer;
        this.events = events;
        this.metrics = metrics;
        this.properties = properties;
        this.publisher = publisher;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Renders and stores the mail for an order event as pending. Runs inside the inbox transaction, so the
     * notification exists exactly when the event counts as processed.
     *
     * @return false when this order already has a mail of this kind (a redelivery under a new event id)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean record(OrderMail mail) {
        if (repository.existsByEventIdOrOrderIdAndKind(mail.eventId(), mail.orderId(), mail.kind())) {
            log.info("Order {} already has a {} mail; event {} ignored", mail.orderId(), mail.kind(), mail.eventId());
            return false;
        }
        Notification notification = Notification.pending(mail, templates.render(mail), messageId(mail.eventId()), Instant.now());
        repository.save(notification);
        publisher.publishEvent(new NotificationRecorded(notification.id()));
        return true;
    }

    /** Message-ID derived only from the causing event, so a resend after a crash carries the same id. */
    String messageId(String eventId) {
        return "<" + eventId + "@" + properties.messageIdDomain() + ">";
    }

    /**
     * One page of the mail log. One order's mails come oldest first (they tell the order's story); across orders the
     * newest come first. The id breaks ties so pages neither overlap nor skip a mail.
     */
    @Transactional(readOnly = true)
    public List<Notification> list(NotificationQuery query) {
        Sort sort = query.orderId() != null
                ? Sort.by(Sort.Direction.ASC, "createdAt", "id")
                : Sort.by(Sort.Direction.DESC, "createdAt", "id");
        Pageable page = PageRequest.of(query.page(), query.size(), sort);
        if (query.orderId() != null && query.customerId() != null) {
            return repository.findByOrderIdAndCustomerId(query.orderId(), query.customerId(), page);
        }
        if (query.orderId() != null) {
            return repository.findByOrderId(query.orderId(), page);
        }
        if (query.customerId() != null) {
            return repository.findByCustomerId(query.customerId(), page);
        }
        return repository.findAllBy(page);
    }

    @Transactional(readOnly = true)
    public Optional<Notification> find(UUID id) {
        return repository.findById(id);
    }

    /**
     * One delivery round: claims up to a batch of due mails, sends them over one SMTP connection, and records every
     * mail that went out in one transaction (each failure in its own).
     *
     * @return how many mails were claimed; a full batch means more may be due
     */
    public int deliverDue() {
        List<Claim> claims = claimDue();
        if (claims.isEmpty()) {
            return 0;
        }
        Map<Integer, MailDeliveryException> failures = mailer.sendAll(claims.stream().map(Claim::mail).toList());
        List<Claim> sent = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            if (!failures.containsKey(i)) {
                sent.add(claims.get(i));
            }
        }
        recordSent(sent, Instant.now());
        sent.forEach(claim -> metrics.sent(claim.kind()));
        Instant unreachableRetryAt = null;
        List<Claim> postponed = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            MailDeliveryException failure = failures.get(i);
            if (failure == null) {
                continue;
            }
            Claim claim = claims.get(i);
            metrics.failed(claim.kind());
            if (failure.serverUnreachable() && unreachableRetryAt != null) {
                // One attempt against a dead server counts; the others wait for its retry without losing an attempt.
                postponed.add(claim);
                continue;
            }
            Instant retryAt = recordFailure(claim.id(), describe(failure));
            if (failure.serverUnreachable()) {
                unreachableRetryAt = retryAt;
            }
        }
        if (unreachableRetryAt != null) {
            postpone(postponed, unreachableRetryAt);
        }
        return claims.size();
    }

    /** Refreshes the pending-backlog gauges. */
    public void refreshBacklog() {
        transaction.executeWithoutResult(status ->
                metrics.backlog(repository.countPending(), repository.oldestPendingCreatedAt(), Instant.now()));
    }

    private List<Claim> claimDue() {
        return transaction.execute(status -> {
            Instant now = Instant.now();
            Instant leaseUntil = now.plus(properties.lease());
            List<Claim> claims = new ArrayList<>();
            for (Notification notification : repository.lockDue(now, properties.batchSize())) {
                notification.lease(leaseUntil);
                claims.add(new Claim(notification.id(), notification.kind(), notification.toMail()));
            }
            return claims;
        });
    }

    private void recordSent(List<Claim> claims, Instant sentAt) {
        if (claims.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            Map<UUID, Notification> locked = repository.lockAllById(claims.stream().map(Claim::id).toList()).stream()
                    .collect(Collectors.toMap(Notification::id, Function.identity()));
            // In claim order, so one order's NotificationSent events keep the order its mails went out in.
            for (Claim claim : claims) {
                Notification notification = locked.get(claim.id());
                if (notification != null && notification.status() == NotificationStatus.PENDING) {
                    notification.markSent(sentAt);
                    events.sent(notification);
                }
            }
        });
    }

    private Instant recordFailure(UUID id, String error) {
        return transaction.execute(status -> {
            Notification notification = repository.lockById(id).orElseThrow();
            Instant retryAt = Instant.now().plus(properties.retry().delayAfter(notification.attempts() + 1));
            if (notification.status() == NotificationStatus.PENDING) {
                notification.markFailed(error, retryAt);
                log.warn("Mail {} to {} not sent (attempt {}), retrying at {}: {}", notification.messageId(),
                        notification.recipient(), notification.attempts(), retryAt, error);
            }
            return retryAt;
        });
    }

    private void postpone(List<Claim> claims, Instant retryAt) {
        if (claims.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> repository.findAllById(claims.stream().map(Claim::id).toList())
                .forEach(notification -> notification.postpone(retryAt)));
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null && text.length() < 1000; cause = cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString();
    }

    private record Claim(UUID id, NotificationKind kind, OutgoingMail mail) {
    }
}
