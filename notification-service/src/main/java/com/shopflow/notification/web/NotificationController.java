package com.shopflow.notification.web;

import com.shopflow.notification.NotificationNotFoundException;
import com.shopflow.notification.NotificationQuery;
import com.shopflow.notification.Notifications;
import com.shopflow.web.PageRequest;
import com.shopflow.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read access to the log of mails sent (or still pending): a customer reads the mails about its own orders, an admin
 * every mail.
 */
@RestController
@RequestMapping(path = "/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
public class NotificationController {

    static final int MAX_PAGE_SIZE = 100;

    private final Notifications notifications;

    public NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @Operation(summary = "List mails: one order's oldest first, else newest first",
            description = "size is 1 to " + MAX_PAGE_SIZE + ". A customer token lists only its own mails "
                    + "(customerId defaults to the caller, another customer's is a 403; another customer's orderId "
                    + "gives an empty list); an admin token lists every mail, optionally of one customer or order.")
    public List<NotificationView> list(
            @Parameter(description = "UUID of the order; without it, mails of every order")
            @RequestParam(required = false) UUID orderId,
            @Parameter(description = "Only this customer's mails (admin; a customer may name only itself)")
            @RequestParam(required = false) String customerId,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size,
            Caller caller) {
        PageRequest.of(page, size, MAX_PAGE_SIZE);
        String customer = customerId == null || customerId.isBlank() ? null : customerId;
        if (!caller.admin()) {
            if (customer != null) {
                caller.requireActsFor(customer, "customerId");
            }
            customer = caller.customerId();
        }
        return notifications.list(new NotificationQuery(orderId, customer, page, size)).stream()
                .map(NotificationView::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read one mail",
            description = "Another customer's mail is a 404, like one that does not exist.")
    public NotificationView get(@Parameter(description = "id of the notification") @PathVariable UUID id,
                                Caller caller) {
        return notifications.find(id).filter(notification -> caller.owns(notification.customerId()))
                .map(NotificationView::of)
                .orElseThrow(() -> new NotificationNotFoundException(id));
    }
}
