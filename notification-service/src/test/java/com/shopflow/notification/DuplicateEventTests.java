package com.shopflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.testkit.Infrastructure;
import com.shopflow.testkit.TestEvents;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@NotificationServiceTest
class DuplicateEventTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestEvents events = Infrastructure.shared().events();

    private final NotificationRepository repository;

    DuplicateEventTests(@Autowired NotificationRepository repository) {
        this.repository = repository;
    }

    @Test
    void redeliveredEventSendsOneMail() throws MessagingException {
        OrderEventsFixture order = new OrderEventsFixture();
        OrderPlaced placed = order.placed();

        events.send("orders", order.orderId, placed);
        events.send("orders", order.orderId, placed);
        events.send("orders", order.orderId, placed);
        // Same key, same partition: once the confirmation is mailed, both redeliveries before it were handled.
        events.send("orders", order.orderId, order.confirmed());

        await().atMost(WAIT).until(() -> TestMailServer.messagesTo(order.recipient).size() >= 2);
        assertThat(TestMailServer.messagesTo(order.recipient)).hasSize(2);
        assertThat(TestMailServer.messagesTo(order.recipient).stream().filter(mail -> messageId(mail)
                .equals("<" + placed.getMetadata().getEventId() + "@shopflow>"))).hasSize(1);
        assertThat(repository.findByOrderIdOrderByCreatedAt(UUID.fromString(order.orderId))).hasSize(2);
    }

    @Test
    void sameStepRepublishedUnderANewEventIdSendsNoSecondMail() {
        OrderEventsFixture order = new OrderEventsFixture();
        OrderPlaced first = order.placed();
        OrderPlaced republished = order.placed();

        events.send("orders", order.orderId, first);
        events.send("orders", order.orderId, republished);
        events.send("orders", order.orderId, order.confirmed());

        await().atMost(WAIT).until(() -> TestMailServer.messagesTo(order.recipient).size() >= 2);
        assertThat(TestMailServer.messagesTo(order.recipient)).extracting(DuplicateEventTests::messageId)
                .containsOnlyOnce("<" + first.getMetadata().getEventId() + "@shopflow>")
                .doesNotContain("<" + republished.getMetadata().getEventId() + "@shopflow>")
                .hasSize(2);
    }

    private static String messageId(jakarta.mail.internet.MimeMessage mail) {
        try {
            return mail.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
