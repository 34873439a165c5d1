package com.shopflow.notification.web;

import com.shopflow.web.security.AdminOnly;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * notification-service's admin-only requests: the mail log names recipients' addresses and carries no customer id,
 * so it is a support tool; customers read their mails in their mailbox and their order's state in order-service.
 */
@Configuration(proxyBeanMethods = false)
class NotificationSecurity {

    @Bean
    AdminOnly mailLogIsReadByAnAdmin() {
        return AdminOnly.paths("/notifications/**");
    }
}
