package com.shopflow.order.web;

import com.shopflow.order.IdempotencyConflictException;
import com.shopflow.order.OrderNotFoundException;
import com.shopflow.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The order domain's own problems as problem+json naming the field (the shared handler of web-support answers every
 * generic client mistake).
 */
@RestControllerAdvice
public class OrderProblems {

    @ExceptionHandler(OrderNotFoundException.class)
    public ProblemDetail notFound(OrderNotFoundException e) {
        return Problems.forField(HttpStatus.NOT_FOUND, "Order not found", "id", e.getMessage());
    }

    @ExceptionHandler(TooManyOrdersException.class)
    public ResponseEntity<ProblemDetail> tooManyOrders(TooManyOrdersException e) {
        ProblemDetail problem = Problems.forField(HttpStatus.TOO_MANY_REQUESTS, "Too many orders", "customerId",
                e.getMessage());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds()))
                .body(problem);
    }

    @ExceptionHandler(IdempotencyConflictException.class)
    public ProblemDetail idempotencyConflict(IdempotencyConflictException e) {
        return Problems.forField(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused with a different request",
                "Idempotency-Key", e.getMessage());
    }
}
