package com.shopflow.payment.web;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.shopflow.payment.Payments;
import com.shopflow.web.security.Caller;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP API to look up payment decisions. */
@RestController
@RequestMapping(path = "/payments", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "payments", description = "Payment decisions per order")
class PaymentController {

    private final Payments payments;

    PaymentController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping
    @Operation(summary = "The payment of an order: an empty list if the order was never seen, else one element",
            description = "A customer token sees only its own payments; another customer's order reads as never seen.")
    List<PaymentResponse> byOrder(@RequestParam @NotBlank @Size(max = 100) String orderId, Caller caller) {
        return payments.findByOrderId(orderId).filter(payment -> caller.owns(payment.customerId()))
                .map(PaymentResponse::of).stream().toList();
    }
}
