package com.shopflow.web;

/** One invalid input of a request (body field, parameter or header), as listed in a problem+json body's {@code errors}. */
public record FieldProblem(String field, String message) {
}
