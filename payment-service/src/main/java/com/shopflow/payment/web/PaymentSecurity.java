package com.shopflow.payment.web;

import com.shopflow.web.security.AdminOnly;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/** payment-service's admin-only requests; per-customer reads are checked in the controllers. */
@Configuration(proxyBeanMethods = false)
class PaymentSecurity {

    /** Only an admin sets credit limits. */
    @Bean
    AdminOnly creditLimitsAreSetByAnAdmin() {
        return new AdminOnly(HttpMethod.PUT, "/accounts/**");
    }
}
