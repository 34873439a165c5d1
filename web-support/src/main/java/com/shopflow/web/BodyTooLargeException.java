package com.shopflow.web;

import java.io.IOException;

/** A request body without a declared length grew past the limit while it was being read. */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(long limit) {
        super(RequestBodyLimitFilter.message(limit));
    }
}
