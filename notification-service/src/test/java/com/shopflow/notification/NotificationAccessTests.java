package com.shopflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.shopflow.events.orders.CancellationReason;
import com.shopflow.testkit.Infrastructure;
import com.shopflow.testkit.TestEvents;
import com.shopflow.testkit.TestHttp;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Who reads which mails, over real HTTP with real tokens, for mails recorded from real order events: a customer its
 * own (the customer id comes from the order events), an admin all of them.
 */
@NotificationServiceTest
class NotificationAccessTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestEvents events = Infrastructure.shared().events();
    private final JdbcTemplate jdbc;

    private final String ann = "ann-" + UUID.randomUUID();
    private final String bob = "bob-" + UUID.randomUUID();
    /** Placed and confirmed: two mails. */
    private final OrderEventsFixture annsOrder = new OrderEventsFixture(ann);
    /** Cancelled without having been placed here: one mail, of another of ann's orders. */
    private final OrderEventsFixture annsCancelledOrder = new OrderEventsFixture(ann);
    /** Placed: one mail. */
    private final OrderEventsFixture bobsOrder = new OrderEventsFixture(bob);

    @LocalServerPort
    private int port;

    NotificationAccessTests(@Autowired JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @BeforeEach
    void annAndBobHaveMails() {
        events.send("orders", annsOrder.orderId, annsOrder.placed());
        events.send("orders", annsOrder.orderId, annsOrder.confirmed());
        events.send("orders", annsCancelledOrder.orderId,
                annsCancelledOrder.cancelled(CancellationReason.OUT_OF_STOCK, "SKU-BOOK"));
        events.send("orders", bobsOrder.orderId, bobsOrder.placed());
        awaitLogged(annsOrder, 2);
        awaitLogged(annsCancelledOrder, 1);
        awaitLogged(bobsOrder, 1);
    }

    @Test
    void customerListsItsOwnMailsOfEveryOrderAndNoOneElses() {
        List<JsonNode> mails = list(api().asCustomer(ann), "/notifications?size=100");

        assertThat(mails).hasSize(3);
        assertThat(mails).extracting(mail -> mail.path("customerId").asString()).containsOnly(ann);
        assertThat(mails).extracting(mail -> mail.path("orderId").asString())
                .containsExactlyInAnyOrder(annsOrder.orderId, annsOrder.orderId, annsCancelledOrder.orderId);
        assertThat(mails).extracting(mail -> mail.path("recipient").asString()).doesNotContain(bobsOrder.recipient);
        assertThat(createdAt(mails)).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(ids(list(api().asCustomer(ann), "/notifications?size=100&customerId=" + ann)))
                .isEqualTo(ids(mails));
    }

    @Test
    void customerReadsOneOfItsOrdersOldestFirst() {
        List<JsonNode> mails = list(api().asCustomer(ann), "/notifications?orderId=" + annsOrder.orderId);

        assertThat(mails).extracting(mail -> mail.path("kind").asString())
                .containsExactlyInAnyOrder("ORDER_RECEIVED", "ORDER_CONFIRMED");
        assertThat(createdAt(mails)).isSorted();
    }

    @Test
    void anotherCustomersOrderReadsAsAnEmptyLog() {
        assertThat(list(api().asCustomer(ann), "/notifications?orderId=" + bobsOrder.orderId)).isEmpty();

        assertThat(list(api().asCustomer(bob), "/notifications?orderId=" + bobsOrder.orderId)).singleElement()
                .satisfies(mail -> assertThat(mail.path("customerId").asString()).isEqualTo(bob));
    }

    @Test
    void anotherCustomersMailIsNotFoundLikeAMissingOne() {
        String bobsMail = awaitLogged(bobsOrder, 1).getFirst().path("id").asString();

        HttpResponse<String> answer = api().asCustomer(ann).get("/notifications/" + bobsMail);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).doesNotContain(bob, bobsOrder.recipient, bobsOrder.orderId);
        HttpResponse<String> missing = api().asCustomer(ann).get("/notifications/" + UUID.randomUUID());
        assertThat(TestHttp.json(missing).path("title").asString())
                .isEqualTo(TestHttp.json(answer).path("title").asString());

        HttpResponse<String> own = api().asCustomer(bob).get("/notifications/" + bobsMail);
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(own).path("orderId").asString()).isEqualTo(bobsOrder.orderId);
        assertThat(TestHttp.json(own).path("kind").asString()).isEqualTo("ORDER_RECEIVED");
    }

    @Test
    void customerNamingAnotherCustomerIsForbidden() {
        HttpResponse<String> answer = api().asCustomer(ann).get("/notifications?customerId=" + bob);

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"field\":\"customerId\"")
                .doesNotContain(bobsOrder.orderId, bobsOrder.recipient);
    }

    @Test
    void nothingIsReadWithoutAToken() {
        String annsMail = awaitLogged(annsOrder, 2).getFirst().path("id").asString();
        for (String path : new String[] {"/notifications", "/notifications?customerId=" + ann,
                "/notifications?orderId=" + annsOrder.orderId, "/notifications/" + annsMail}) {
            HttpResponse<String> answer = api().anonymous().get(path);

            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.body()).as(path).doesNotContain(annsOrder.recipient, "ORDER_RECEIVED");
        }
    }

    @Test
    void adminReadsEveryMailAndFiltersByCustomerOrOrder() {
        TestHttp admin = api();

        assertThat(list(admin, "/notifications?customerId=" + ann)).hasSize(3)
                .extracting(mail -> mail.path("customerId").asString()).containsOnly(ann);
        List<JsonNode> bobs = list(admin, "/notifications?customerId=" + bob);
        assertThat(bobs).singleElement()
                .satisfies(mail -> assertThat(mail.path("orderId").asString()).isEqualTo(bobsOrder.orderId));
        assertThat(list(admin, "/notifications?orderId=" + annsOrder.orderId + "&customerId=" + bob)).isEmpty();

        List<JsonNode> all = list(admin, "/notifications?size=100");
        assertThat(all).extracting(mail -> mail.path("customerId").asString()).contains(ann, bob);
        assertThat(createdAt(all)).isSortedAccordingTo(Comparator.reverseOrder());
        HttpResponse<String> one = admin.get("/notifications/" + bobs.getFirst().path("id").asString());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(one).path("customerId").asString()).isEqualTo(bob);
    }

    @Test
    void pagesOfOnesOwnMailsNeitherOverlapNorSkip() {
        TestHttp asAnn = api().asCustomer(ann);
        List<String> pages = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            List<JsonNode> mails = list(asAnn, "/notifications?size=1&page=" + page);
            assertThat(mails).as("page " + page).hasSize(1);
            pages.add(mails.getFirst().path("id").asString());
        }

        assertThat(list(asAnn, "/notifications?size=1&page=3")).isEmpty();
        assertThat(pages).isEqualTo(ids(list(asAnn, "/notifications?size=100")));
    }

    @Test
    void mailRecordedBeforeCustomersWereStoredIsForAdminsOnly() {
        UUID orderId = UUID.randomUUID();
        UUID id = insertMailWithoutCustomer(orderId);

        assertThat(api().asCustomer(ann).get("/notifications/" + id).statusCode()).isEqualTo(404);
        assertThat(list(api().asCustomer(ann), "/notifications?orderId=" + orderId)).isEmpty();

        HttpResponse<String> answer = api().get("/notifications/" + id);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(TestHttp.json(answer).path("customerId").isNull()).isTrue();
        assertThat(list(api(), "/notifications?orderId=" + orderId)).hasSize(1);
    }

    /** A row as it stood before V2 added the customer: sent, with no customer id. */
    private UUID insertMailWithoutCustomer(UUID orderId) {
        UUID id = UUID.randomUUID();
        String eventId = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update("""
                insert into notification (id, order_id, kind, event_id, recipient, subject, text_body, html_body,
                                          status, attempts, next_attempt_at, created_at, sent_at, message_id)
                values (?, ?, 'ORDER_RECEIVED', ?, 'old@example.com', 'We received your order', 'text', '<p>html</p>',
                        'SENT', 0, ?, ?, ?, ?)""", id, orderId, eventId, now, now, now, "<" + eventId + "@shopflow>");
        return id;
    }

    private List<JsonNode> awaitLogged(OrderEventsFixture order, int mails) {
        return await().atMost(WAIT).until(() -> list(api(), "/notifications?orderId=" + order.orderId),
                logged -> logged.size() == mails);
    }

    private TestHttp api() {
        return new TestHttp(port);
    }

    private static List<JsonNode> list(TestHttp http, String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        JsonNode array = TestHttp.json(response);
        assertThat(array.isArray()).as(response.body()).isTrue();
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            items.add(array.get(i));
        }
        return items;
    }

    private static List<String> ids(List<JsonNode> mails) {
        return mails.stream().map(mail -> mail.path("id").asString()).toList();
    }

    private static List<Instant> createdAt(List<JsonNode> mails) {
        return mails.stream().map(mail -> Instant.parse(mail.path("createdAt").asString())).toList();
    }
}
