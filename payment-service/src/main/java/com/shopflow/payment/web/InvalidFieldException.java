package com.shopflow.payment.web;

/** A request field that passed bean validation but is still unusable (e.g. too many fraction digits). */
class InvalidFieldException extends RuntimeException {

    private final String field;

    InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
