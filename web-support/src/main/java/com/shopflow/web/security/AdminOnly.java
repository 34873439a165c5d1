package com.shopflow.web.security;

import org.springframework.http.HttpMethod;

/**
 * A service's requests that only an admin may make (e.g. {@code PUT /stock/**}), declared as a bean; the shared filter
 * chain answers them with 403 for a customer token. {@code /admin/**} and {@code /dead-letters/**} are admin-only in
 * every service without a bean.
 *
 * @param method      the HTTP method, or {@code null} for every method
 * @param pathPattern a Spring path pattern, e.g. {@code /stock/**}
 */
public record AdminOnly(HttpMethod method, String pathPattern) {

    /** Every method on the paths. */
    public static AdminOnly paths(String pathPattern) {
        return new AdminOnly(null, pathPattern);
    }
}
