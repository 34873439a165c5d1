package com.shopflow.web;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import com.shopflow.web.security.AdminOnly;
import com.shopflow.web.security.Caller;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A service in miniature: one controller with every kind of input, and a domain exception mapped by its own advice. */
@SpringBootApplication
class WebSupportTestApplication {

    record Part(@NotBlank String sku, @NotNull @PositiveOrZero Integer quantity) {
    }

    record Thing(@NotBlank String name, @NotNull @PositiveOrZero Integer count, List<@NotNull @Valid Part> parts) {
    }

    /** A domain exception: the domain knows nothing of HTTP, the service's advice maps it. */
    static class ThingGoneException extends RuntimeException {
        ThingGoneException(UUID id) {
            super("thing " + id + " is gone");
        }
    }

    @RestController
    @RequestMapping(path = "/things", produces = MediaType.APPLICATION_JSON_VALUE)
    static class ThingController {

        @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
        Thing create(@Valid @RequestBody Thing thing) {
            if ("reserved".equals(thing.name())) {
                throw new InvalidFieldException("name", "is reserved");
            }
            return thing;
        }

        @GetMapping("/raw-error")
        void rawError(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
            response.sendError(400);
        }

        @GetMapping("/owned-by/{customerId}")
        Caller ownedBy(@PathVariable String customerId, Caller caller) {
            caller.requireActsFor(customerId, "customerId");
            return caller;
        }

        @GetMapping("/{id}")
        Thing get(@PathVariable UUID id) {
            throw new ThingGoneException(id);
        }

        @GetMapping
        List<Thing> list(@RequestParam @Size(max = 10) String owner, @RequestParam(defaultValue = "20") @Max(100) int size,
                         @RequestHeader(name = "X-Tenant") String tenant) {
            return List.of();
        }
    }

    @RestController
    static class AdminController {

        @GetMapping("/admin/ping")
        String ping() {
            return "pong";
        }

        @PostMapping("/things/{id}/discontinue")
        String discontinue(@PathVariable UUID id) {
            return "discontinued";
        }
    }

    /** A service's own admin-only request. */
    @Bean
    AdminOnly discontinuingIsAdminOnly() {
        return new AdminOnly(HttpMethod.POST, "/things/*/discontinue");
    }

    @RestControllerAdvice
    static class ThingProblems {

        @ExceptionHandler(ThingGoneException.class)
        ProblemDetail gone(ThingGoneException e) {
            return Problems.forField(HttpStatus.GONE, "Thing gone", "id", e.getMessage());
        }
    }
}
