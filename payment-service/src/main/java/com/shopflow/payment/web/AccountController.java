package com.shopflow.payment.web;

import java.math.BigDecimal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.shopflow.payment.Accounts;
import com.shopflow.payment.CreditLimitBelowUsageException;
import com.shopflow.payment.Money;
import com.shopflow.web.InvalidFieldException;
import com.shopflow.web.Problems;
import com.shopflow.web.security.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP API of customer credit accounts. */
@RestController
@RequestMapping(path = "/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "accounts", description = "Customer credit accounts")
class AccountController {

    private final Accounts accounts;

    AccountController(Accounts accounts) {
        this.accounts = accounts;
    }

    @GetMapping("/{customerId}")
    @Operation(summary = "Credit limit and available credit of a customer (the default limit if the customer is new)",
            description = "A customer token reads only its own account; another customer's is a 404.")
    ResponseEntity<?> get(@PathVariable @NotBlank @Size(max = 100) String customerId, Caller caller) {
        if (!caller.owns(customerId)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.forField(HttpStatus.NOT_FOUND, "Account not found", "customerId",
                            "no account of that customer"));
        }
        return ResponseEntity.ok(AccountResponse.of(accounts.find(customerId)));
    }

    @PutMapping(path = "/{customerId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set a customer's credit limit; available credit moves by the difference (admin only)")
    AccountResponse changeCreditLimit(@PathVariable @NotBlank @Size(max = 100) String customerId,
                                      @Valid @RequestBody CreditLimitRequest request) {
        return AccountResponse.of(accounts.changeCreditLimit(customerId, limit(request.creditLimit())));
    }

    @ExceptionHandler(CreditLimitBelowUsageException.class)
    ProblemDetail limitBelowUsage(CreditLimitBelowUsageException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Credit limit below credit in use");
        return problem;
    }

    private Money limit(BigDecimal creditLimit) {
        try {
            return Money.ofMajor(creditLimit, accounts.currency());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidFieldException("creditLimit", e.getMessage());
        }
    }
}
