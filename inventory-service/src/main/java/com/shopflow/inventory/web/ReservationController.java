package com.shopflow.inventory.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.shopflow.inventory.Stock;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** HTTP API to look up the stock decision of an order. */
@RestController
@RequestMapping(path = "/reservations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "reservations", description = "Stock decisions per order")
class ReservationController {

    private final Stock stock;

    ReservationController(Stock stock) {
        this.stock = stock;
    }

    @GetMapping("/{orderId}")
    @Operation(summary = "The reservation (or rejection) of an order; 404 if the order was never seen (admin only)")
    ReservationResponse get(@PathVariable @NotBlank @Size(max = 100) String orderId) {
        return stock.findReservation(orderId).map(ReservationResponse::of)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "no stock decision for order " + orderId));
    }
}
