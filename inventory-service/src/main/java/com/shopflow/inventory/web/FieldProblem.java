package com.shopflow.inventory.web;

/** One invalid input field of a request, as listed in a problem+json body's {@code errors}. */
public record FieldProblem(String field, String message) {
}
