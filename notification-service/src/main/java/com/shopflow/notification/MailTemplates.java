package com.shopflow.notification;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Renders the subject, plain-text and HTML body of each order mail from the Thymeleaf templates in {@code templates/mail}. */
@Component
public class MailTemplates {

    private final TemplateEngine engine;
    private final Locale locale;

    public MailTemplates(NotificationProperties properties) {
        this.locale = properties.locale();
        this.engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 1));
        engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 2));
    }

    private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setTemplateMode(mode);
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }

    public MailContent render(OrderMail mail) {
        String orderRef = mail.orderId().toString().substring(0, 8);
        Context context = new Context(locale);
        context.setVariable("orderId", mail.orderId().toString());
        context.setVariable("orderRef", orderRef);
        String template;
        String subject;
        switch (mail) {
            case OrderMail.Received received -> {
                template = "order-received";
                subject = "We received your order " + orderRef;
                context.setVariable("lines", lines(received.lines()));
                context.setVariable("total", received.total().format(locale));
            }
            case OrderMail.Confirmed confirmed -> {
                template = "order-confirmed";
                subject = "Your order " + orderRef + " is confirmed";
                context.setVariable("lines", lines(confirmed.lines()));
                context.setVariable("total", confirmed.total().format(locale));
            }
            case OrderMail.Cancelled cancelled -> {
                template = "order-cancelled";
                subject = "Your order " + orderRef + " was cancelled";
                context.setVariable("reason", cancelled.reason().explanation());
                context.setVariable("detail", cancelled.detail() == null ? "" : cancelled.detail());
                context.setVariable("total", cancelled.total().format(locale));
            }
        }
        context.setVariable("subject", subject);
        return new MailContent(subject, engine.process(template + ".txt", context), engine.process(template + ".html", context));
    }

    private List<Map<String, Object>> lines(List<OrderLine> lines) {
        return lines.stream()
                .<Map<String, Object>>map(line -> Map.of(
                        "sku", line.sku(),
                        "quantity", line.quantity(),
                        "unitPrice", line.unitPrice().format(locale),
                        "lineTotal", line.lineTotal().format(locale)))
                .toList();
    }
}
