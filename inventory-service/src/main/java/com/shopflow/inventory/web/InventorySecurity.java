package com.shopflow.inventory.web;

import com.shopflow.web.security.AdminOnly;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * inventory-service's admin-only requests. Reading a SKU's stock is open to any authenticated caller (a shop shows
 * availability); setting it is an admin's job. Reservations are the warehouse's view of an order and carry no
 * customer id, so only an admin reads them (a customer sees the outcome on its order in order-service).
 */
@Configuration(proxyBeanMethods = false)
class InventorySecurity {

    @Bean
    AdminOnly stockIsSetByAnAdmin() {
        return new AdminOnly(HttpMethod.PUT, "/stock/**");
    }

    @Bean
    AdminOnly reservationsAreReadByAnAdmin() {
        return AdminOnly.paths("/reservations/**");
    }
}
