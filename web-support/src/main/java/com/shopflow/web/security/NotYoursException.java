package com.shopflow.web.security;

/** A request acts for a customer the caller is not; answered with a 403 problem naming the field. */
public class NotYoursException extends RuntimeException {

    private final String field;

    public NotYoursException(String field) {
        super("may only name the caller's own customer id");
        this.field = field;
    }

    public String field() {
        return field;
    }
}
