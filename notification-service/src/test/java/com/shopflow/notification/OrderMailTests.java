package com.shopflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.shopflow.events.notifications.NotificationSent;
import com.shopflow.events.orders.CancellationReason;
import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderConfirmed;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.testkit.Infrastructure;
import com.shopflow.testkit.TestEvents;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

@NotificationServiceTest
class OrderMailTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestEvents events = Infrastructure.shared().events();

    @LocalServerPort
    private int port;

    @Test
    void mailsOrderReceivedOnceWithTextAndHtmlAlternatives() throws Exception {
        OrderEventsFixture order = new OrderEventsFixture();
        OrderPlaced placed = order.placed();

        events.send("orders", order.orderId, placed);

        MimeMessage mail = awaitOneMailTo(order.recipient);
        String messageId = "<" + placed.getMetadata().getEventId() + "@shopflow>";
        assertThat(mail.getSubject()).isEqualTo("We received your order " + order.orderId.substring(0, 8));
        assertThat(mail.getFrom()[0].toString()).isEqualTo("ShopFlow <orders@shopflow.local>");
        assertThat(mail.getMessageID()).isEqualTo(messageId);
        Mails parts = Mails.parts(mail);
        assertThat(parts.contentType()).startsWith("multipart/alternative");
        assertThat(parts.text()).contains("We received it", "2 x SKU-BOOK at €12.50 = €25.00", "Total: €26.99")
                .doesNotContain("<td>");
        assertThat(parts.html()).contains("<td>SKU-BOOK</td>", "<strong>€26.99</strong>", order.orderId);

        assertThat(awaitSentLog(order.orderId)).singleElement().satisfies(entry -> {
            assertThat(entry).containsEntry("kind", "ORDER_RECEIVED").containsEntry("recipient", order.recipient)
                    .containsEntry("status", "SENT").containsEntry("messageId", messageId);
            assertThat(entry.get("sentAt")).isNotNull();
        });
        NotificationSent sent = events.await("notifications", NotificationSent.class,
                event -> event.getMessageId().equals(messageId), WAIT);
        assertThat(sent.getOrderId()).isEqualTo(order.orderId);
        assertThat(sent.getKind().name()).isEqualTo("ORDER_RECEIVED");
        assertThat(sent.getRecipient()).isEqualTo(order.recipient);
        assertThat(sent.getMetadata().getCausationId()).isEqualTo(placed.getMetadata().getEventId());
        assertThat(sent.getMetadata().getCorrelationId()).isEqualTo(order.orderId);
        assertThat(TestMailServer.messagesTo(order.recipient)).hasSize(1);
    }

    @Test
    void mailsConfirmationWithEveryLineAndTheTotal() throws Exception {
        OrderEventsFixture order = new OrderEventsFixture();
        OrderConfirmed confirmed = order.confirmed();

        events.send("orders", order.orderId, confirmed);

        MimeMessage mail = awaitOneMailTo(order.recipient);
        String messageId = "<" + confirmed.getMetadata().getEventId() + "@shopflow>";
        assertThat(mail.getSubject()).isEqualTo("Your order " + order.orderId.substring(0, 8) + " is confirmed");
        assertThat(mail.getMessageID()).isEqualTo(messageId);
        Mails parts = Mails.parts(mail);
        assertThat(parts.text()).contains("is confirmed", "2 x SKU-BOOK at €12.50 = €25.00",
                "1 x SKU-PEN at €1.99 = €1.99", "Total: €26.99");
        assertThat(parts.html()).contains("<td>SKU-BOOK</td>", "<td>SKU-PEN</td>", "€25.00", "<strong>€26.99</strong>");
        assertThat(awaitSentLog(order.orderId)).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("kind", "ORDER_CONFIRMED"));
        events.await("notifications", NotificationSent.class, event -> event.getMessageId().equals(messageId), WAIT);
    }

    @Test
    void mailsCancellationWithTheReasonInWords() throws Exception {
        OrderEventsFixture order = new OrderEventsFixture();
        OrderCancelled cancelled = order.cancelled(CancellationReason.OUT_OF_STOCK, "SKU-BOOK: 2 requested, 1 available");

        events.send("orders", order.orderId, cancelled);

        MimeMessage mail = awaitOneMailTo(order.recipient);
        assertThat(mail.getSubject()).isEqualTo("Your order " + order.orderId.substring(0, 8) + " was cancelled");
        Mails parts = Mails.parts(mail);
        for (String body : List.of(parts.text(), parts.html())) {
            assertThat(body).contains("no longer in stock", "SKU-BOOK: 2 requested, 1 available", "€26.99")
                    .doesNotContain("OUT_OF_STOCK");
        }
        assertThat(awaitSentLog(order.orderId)).singleElement()
                .satisfies(entry -> assertThat(entry).containsEntry("kind", "ORDER_CANCELLED"));
    }

    @Test
    void mailsEachStepOfOneOrderSeparately() throws Exception {
        OrderEventsFixture order = new OrderEventsFixture();

        events.send("orders", order.orderId, order.placed());
        events.send("orders", order.orderId, order.cancelled(CancellationReason.PAYMENT_DECLINED, ""));

        await().atMost(WAIT).until(() -> TestMailServer.messagesTo(order.recipient).size() == 2);
        List<String> subjects = TestMailServer.messagesTo(order.recipient).stream().map(OrderMailTests::subject).toList();
        assertThat(subjects).containsExactlyInAnyOrder(
                "We received your order " + order.orderId.substring(0, 8),
                "Your order " + order.orderId.substring(0, 8) + " was cancelled");
        assertThat(Mails.parts(TestMailServer.messagesTo(order.recipient).stream()
                .filter(m -> subject(m).endsWith("cancelled")).findFirst().orElseThrow()).text())
                .contains("Your payment could not be authorised");
    }

    private MimeMessage awaitOneMailTo(String recipient) {
        await().atMost(WAIT).until(() -> !TestMailServer.messagesTo(recipient).isEmpty());
        List<MimeMessage> received = TestMailServer.messagesTo(recipient);
        assertThat(received).hasSize(1);
        return received.getFirst();
    }

    private List<Map<String, Object>> awaitSentLog(String orderId) {
        RestClient client = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader("Authorization", "Bearer " + com.shopflow.testkit.TestTokens.admin()).build();
        return await().atMost(WAIT).until(() -> client.get().uri("/notifications?orderId={id}", orderId).retrieve()
                        .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { }),
                log -> !log.isEmpty() && log.stream().allMatch(entry -> "SENT".equals(entry.get("status"))));
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
