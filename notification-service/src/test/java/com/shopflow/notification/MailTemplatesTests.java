package com.shopflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MailTemplatesTests {

    private static final UUID ORDER = UUID.fromString("3f2a9c1e-0000-4000-8000-000000000001");

    private final MailTemplates templates = new MailTemplates(new NotificationProperties("ShopFlow <orders@shopflow.local>",
            "shopflow", Locale.US, Duration.ofSeconds(1), 20, Duration.ofMinutes(2),
            new NotificationProperties.Retry(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5))));

    @Test
    void confirmationListsEveryLineAndTheTotalInTheOrdersCurrency() {
        MailContent content = templates.render(new OrderMail.Confirmed("e1", ORDER, "ann", "ann@example.com",
                List.of(new OrderLine("SKU-BOOK", 2, new Money(1250, "EUR")), new OrderLine("SKU-PEN", 1, new Money(199, "EUR"))),
                new Money(2699, "EUR")));

        assertThat(content.subject()).isEqualTo("Your order 3f2a9c1e is confirmed");
        for (String body : List.of(content.text(), content.html())) {
            assertThat(body).contains("SKU-BOOK", "€12.50", "€25.00", "SKU-PEN", "€1.99", "€26.99", ORDER.toString());
        }
        assertThat(content.text()).contains("2 x SKU-BOOK at €12.50 = €25.00").doesNotContain("<");
        assertThat(content.html()).contains("<td>SKU-BOOK</td>", "<strong>€26.99</strong>");
    }

    @Test
    void amountsUseTheCurrencysOwnFractionDigits() {
        MailContent content = templates.render(new OrderMail.Received("e2", ORDER, "ann", "ann@example.com",
                List.of(new OrderLine("SKU-TEA", 3, new Money(500, "JPY"))), new Money(1500, "JPY")));

        assertThat(content.subject()).isEqualTo("We received your order 3f2a9c1e");
        assertThat(content.text()).contains("3 x SKU-TEA at ¥500 = ¥1,500", "Total: ¥1,500");
    }

    @Test
    void cancellationExplainsEachReasonInWords() {
        for (CancellationReason reason : CancellationReason.values()) {
            MailContent content = templates.render(new OrderMail.Cancelled("e3", ORDER, "ann", "ann@example.com", reason,
                    "SKU-BOOK: 2 requested, 0 available", new Money(2500, "EUR")));

            assertThat(content.subject()).isEqualTo("Your order 3f2a9c1e was cancelled");
            assertThat(content.text()).contains(reason.explanation(), "SKU-BOOK: 2 requested, 0 available", "€25.00")
                    .doesNotContain(reason.name());
            assertThat(content.html()).contains(reason.explanation());
        }
    }

    @Test
    void htmlEscapesWhatCameFromTheEvent() {
        MailContent content = templates.render(new OrderMail.Cancelled("e4", ORDER, "ann", "ann@example.com",
                CancellationReason.OUT_OF_STOCK, "<script>alert(1)</script>", new Money(100, "EUR")));

        assertThat(content.html()).doesNotContain("<script>").contains("&lt;script&gt;");
    }

    @Test
    void emptyDetailLeavesNoDanglingLabel() {
        MailContent content = templates.render(new OrderMail.Cancelled("e5", ORDER, "ann", "ann@example.com",
                CancellationReason.TIMEOUT, "", new Money(100, "EUR")));

        assertThat(content.text()).doesNotContain("Details:");
        assertThat(content.html()).doesNotContain("Details:");
    }
}
