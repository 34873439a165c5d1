package com.shopflow.order.web;

import java.io.IOException;

/** A request body without a declared length grew past the limit while it was being read. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super("Request body is larger than " + limit + " bytes");
    }
}
