package com.shopflow.inventory.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import com.shopflow.inventory.Stock;
import com.shopflow.inventory.UnknownSkuException;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP API of stock per SKU. */
@RestController
@RequestMapping(path = "/stock", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "stock", description = "Stock per SKU")
class StockController {

    private final Stock stock;

    StockController(Stock stock) {
        this.stock = stock;
    }

    @GetMapping("/{sku}")
    @Operation(summary = "Available, reserved and sold units of a SKU (404 if the SKU is unknown)")
    StockResponse get(@PathVariable @NotBlank @Size(max = 100) String sku) {
        return StockResponse.of(stock.find(sku));
    }

    @PutMapping(path = "/{sku}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set the available units of a SKU, creating it if new; reserved and sold stay as they are "
            + "(admin only)")
    StockResponse setAvailable(@PathVariable @NotBlank @Size(max = 100) String sku,
                               @Valid @RequestBody AvailableRequest request) {
        return StockResponse.of(stock.setAvailable(sku, request.available()));
    }

    @ExceptionHandler(UnknownSkuException.class)
    ProblemDetail unknownSku(UnknownSkuException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Unknown SKU");
        return problem;
    }
}
