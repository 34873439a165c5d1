package com.shopflow.notification.web;

import com.shopflow.notification.NotificationNotFoundException;
import com.shopflow.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The notification domain's own problems as problem+json naming the field (web-support answers the generic ones). */
@RestControllerAdvice
public class NotificationProblems {

    @ExceptionHandler(NotificationNotFoundException.class)
    public ProblemDetail notFound(NotificationNotFoundException e) {
        return Problems.forField(HttpStatus.NOT_FOUND, "Notification not found", "id", e.getMessage());
    }
}
