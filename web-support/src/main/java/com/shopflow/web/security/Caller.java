package com.shopflow.web.security;

import java.util.Objects;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is calling, resolved from the bearer token: the customer id (the token's {@code sub}, the same string the API
 * uses as {@code customerId}) and whether the token has the admin scope. A controller takes it as a parameter.
 *
 * @param customerId the token's subject
 * @param admin      the token carries scope {@value #ADMIN_SCOPE}
 */
public record Caller(String customerId, boolean admin) {

    /** The scope (claim {@code scope}) that makes a token an admin token. */
    public static final String ADMIN_SCOPE = "shopflow.admin";
    /** The authority Spring Security derives from {@link #ADMIN_SCOPE}. */
    public static final String ADMIN_AUTHORITY = "SCOPE_" + ADMIN_SCOPE;

    public Caller {
        Objects.requireNonNull(customerId, "customerId");
    }

    /** The caller of an authenticated request. */
    public static Caller of(Authentication authentication) {
        boolean admin = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(ADMIN_AUTHORITY::equals);
        return new Caller(authentication.getName(), admin);
    }

    /** An admin may see and do everything; a customer only what belongs to its own customer id. */
    public boolean owns(String customerId) {
        return admin || this.customerId.equals(customerId);
    }

    /**
     * Refuses (403 naming {@code field}) a request that acts for another customer, e.g. an order placed for someone
     * else. Reads of another customer's resource should be answered like a missing resource (404) instead.
     */
    public void requireActsFor(String customerId, String field) {
        if (!owns(customerId)) {
            throw new NotYoursException(field);
        }
    }
}
