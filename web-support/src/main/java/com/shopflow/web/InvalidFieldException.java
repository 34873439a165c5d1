package com.shopflow.web;

/**
 * A request field, parameter or header that is invalid in a way bean validation cannot express (e.g. too many
 * fraction digits for the currency); the {@link ProblemHandler} answers it with a 400 naming the field.
 */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
