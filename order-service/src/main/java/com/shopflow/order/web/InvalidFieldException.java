package com.shopflow.order.web;

/** A request field, parameter or header is invalid in a way bean validation cannot express. */
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
