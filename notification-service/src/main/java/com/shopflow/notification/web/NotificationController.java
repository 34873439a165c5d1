package com.shopflow.notification.web;

import com.shopflow.notification.Notifications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read access to the log of mails sent (or still pending) per order. */
@RestController
@RequestMapping("/notifications")
public class NotificationController {

    private final Notifications notifications;

    public NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    @Operation(summary = "Mails about one order, oldest first (admin only)")
    public List<NotificationView> forOrder(@Parameter(description = "UUID of the order") @RequestParam UUID orderId) {
        return notifications.forOrder(orderId).stream().map(NotificationView::of).toList();
    }
}
