package com.shopflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.shopflow.events.notifications.NotificationSent;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.testkit.Infrastructure;
import com.shopflow.testkit.TestEvents;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@NotificationServiceTest
class SmtpOutageTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestEvents events = Infrastructure.shared().events();

    private final NotificationRepository repository;
    private final MeterRegistry meters;

    SmtpOutageTests(@Autowired NotificationRepository repository, @Autowired MeterRegistry meters) {
        this.repository = repository;
        this.meters = meters;
    }

    @Test
    void mailWaitsForTheServerAndIsSentOnceWhenItIsBack() throws Exception {
        OrderEventsFixture order = new OrderEventsFixture();
        OrderPlaced placed = order.placed();
        UUID orderId = UUID.fromString(order.orderId);

        double failedBefore = failedReceivedMails();
        TestMailServer.stop();
        try {
            events.send("orders", order.orderId, placed);

            // Several failed attempts prove the back-off loop keeps the mail rather than giving up after one.
            Notification waiting = await().atMost(WAIT).until(() -> single(orderId),
                    notification -> notification != null && notification.attempts() >= 2);
            assertThat(waiting.status()).isEqualTo(NotificationStatus.PENDING);
            assertThat(waiting.lastError()).isNotBlank();
            assertThat(waiting.sentAt()).isNull();
            assertThat(failedReceivedMails() - failedBefore).isGreaterThanOrEqualTo(2);
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(meters.get("shopflow.mails.pending").gauge().value()).isGreaterThanOrEqualTo(1);
                assertThat(meters.get("shopflow.mails.oldest.pending.age").gauge().value()).isPositive();
            });
        } finally {
            TestMailServer.start();
        }

        await().atMost(WAIT).until(() -> single(orderId).status() == NotificationStatus.SENT);
        assertThat(TestMailServer.messagesTo(order.recipient)).singleElement()
                .satisfies(mail -> assertThat(mail.getMessageID())
                        .isEqualTo("<" + placed.getMetadata().getEventId() + "@shopflow>"));
        Notification sent = single(orderId);
        NotificationSent announced = events.await("notifications", NotificationSent.class,
                event -> event.getMessageId().equals(sent.messageId()), WAIT);
        assertThat(announced.getOrderId()).isEqualTo(order.orderId);
    }

    private double failedReceivedMails() {
        return meters.get("shopflow.mails.failed").tag("kind", "ORDER_RECEIVED").counter().count();
    }

    private Notification single(UUID orderId) {
        List<Notification> notifications = repository.findByOrderIdOrderByCreatedAt(orderId);
        assertThat(notifications).hasSizeLessThanOrEqualTo(1);
        return notifications.isEmpty() ? null : notifications.getFirst();
    }
}
