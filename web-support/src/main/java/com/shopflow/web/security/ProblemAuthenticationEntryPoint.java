package com.shopflow.web.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers a missing or invalid token (401) and a forbidden request (403) with problem+json that says what to do but
 * nothing about why a token failed (no key, claim or expiry detail), plus the RFC 6750 {@code WWW-Authenticate}
 * header without a description.
 */
public class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AccessDeniedHandler {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        boolean tokenSent = request.getHeader("Authorization") != null;
        response.setHeader("WWW-Authenticate", tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
        SecurityProblems.write(request, response, HttpStatus.UNAUTHORIZED,
                "This request needs a valid bearer token (Authorization: Bearer <token>).");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException accessDeniedException) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        SecurityProblems.write(request, response, HttpStatus.FORBIDDEN, "The token does not allow this request.");
    }
}
