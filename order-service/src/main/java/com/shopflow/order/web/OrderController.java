package com.shopflow.order.web;

import com.shopflow.order.Order;
import com.shopflow.order.OrderId;
import com.shopflow.order.OrderLine;
import com.shopflow.order.OrderNotFoundException;
import com.shopflow.order.OrderStatus;
import com.shopflow.order.OrderSummaryPage;
import com.shopflow.order.OrderView;
import com.shopflow.order.OrderViews;
import com.shopflow.order.Orders;
import com.shopflow.order.PlaceOrder;
import com.shopflow.order.Placement;
import com.shopflow.order.TimelineEntry;
import com.shopflow.web.InvalidFieldException;
import com.shopflow.web.PageRequest;
import com.shopflow.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** REST API of orders: place one, read one with its timeline, list them. */
@RestController
@RequestMapping("/orders")
public class OrderController {

    static final int MAX_PAGE_SIZE = 100;
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

    private final Orders orders;
    private final OrderViews views;
    private final OrderRateLimit rateLimit;

    public OrderController(Orders orders, OrderViews views, OrderRateLimit rateLimit) {
        this.orders = orders;
        this.views = views;
        this.rateLimit = rateLimit;
    }

    @Operation(summary = "Place an order", description = "Stores the order PENDING and starts the saga. "
            + "With an Idempotency-Key, repeating the same request answers the same order. A customer token may "
            + "order only for its own customerId (else 403); too many orders of one customer are a 429 with "
            + "Retry-After.")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<PlaceOrderResponse> place(
            @Parameter(description = "Client-chosen key (1-255 visible ASCII characters), remembered at least 24 h")
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request, Caller caller) {
        caller.requireActsFor(request.customerId(), "customerId");
        rateLimit.acquire(request.customerId());
        Placement placement = orders.place(toCommand(request), validKey(idempotencyKey));
        return ResponseEntity.accepted()
                .location(URI.create("/orders/" + placement.orderId()))
                .header("Idempotent-Replayed", Boolean.toString(placement.replayed()))
                .body(new PlaceOrderResponse(placement.orderId().toString(), placement.status().name()));
    }

    @Operation(summary = "Read an order with its timeline",
            description = "From the read model; an order placed a few milliseconds ago that the read model has not "
                    + "seen yet is answered from the write side with an empty timeline. Another customer's order "
                    + "is a 404, like one that does not exist.")
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public OrderResponse get(@PathVariable UUID id, Caller caller) {
        OrderId orderId = new OrderId(id);
        Optional<OrderView> view = views.find(orderId);
        if (view.isPresent()) {
            OrderView v = view.get();
            if (!caller.owns(v.customerId())) {
                throw new OrderNotFoundException(orderId);
            }
            return new OrderResponse(v.orderId().toString(), v.customerId(), v.status().name(),
                    v.reason() == null ? null : v.reason().name(), emptyToNull(v.detail()),
                    Prices.toDecimal(v.totalMinor(), v.currency()), v.currency(), lines(v.lines(), v.currency()),
                    timeline(v.timeline()));
        }
        Order order = orders.find(orderId).filter(o -> caller.owns(o.customerId()))
                .orElseThrow(() -> new OrderNotFoundException(orderId));
        String currency = order.currency().getCurrencyCode();
        return new OrderResponse(orderId.toString(), order.customerId(), order.status().name(),
                order.reason().map(Enum::name).orElse(null), emptyToNull(order.detail()),
                Prices.toDecimal(order.totalMinor(), currency), currency, lines(order.lines(), currency),
                timeline(views.timeline(orderId)));
    }

    @Operation(summary = "List orders, newest first", description = "size is 1 to " + MAX_PAGE_SIZE + ". "
            + "A customer token lists its own orders (customerId defaults to the caller; another customer's is a "
            + "403); all orders or any customer's need an admin token.")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public OrderListResponse list(@RequestParam(required = false) OrderStatus status,
                                  @RequestParam(required = false) String customerId,
                                  @RequestParam(defaultValue = "0") int page,
                                  @RequestParam(defaultValue = "20") int size,
                                  Caller caller) {
        PageRequest.of(page, size, MAX_PAGE_SIZE);
        Optional<String> customer = Optional.ofNullable(customerId).filter(c -> !c.isBlank());
        if (!caller.admin()) {
            customer.ifPresent(c -> caller.requireActsFor(c, "customerId"));
            customer = Optional.of(caller.customerId());
        }
        OrderSummaryPage result = views.list(Optional.ofNullable(status), customer, page, size);
        List<OrderListResponse.Item> items = result.items().stream()
                .map(s -> new OrderListResponse.Item(s.orderId().toString(), s.customerId(), s.status().name(),
                        s.reason() == null ? null : s.reason().name(), Prices.toDecimal(s.totalMinor(), s.currency()),
                        s.currency(), s.placedAt()))
                .toList();
        return new OrderListResponse(items, result.page(), result.size(), result.totalElements(), result.totalPages());
    }

    private static PlaceOrder toCommand(PlaceOrderRequest request) {
        Currency currency = Prices.currency(request.currency(), "currency");
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < request.lines().size(); i++) {
            LineRequest line = request.lines().get(i);
            long unitPrice = Prices.toMinor(line.unitPrice(), currency, "lines[" + i + "].unitPrice");
            lines.add(new OrderLine(line.sku(), line.quantity(), unitPrice));
        }
        PlaceOrder command = new PlaceOrder(request.customerId(), request.customerEmail(), currency, lines);
        try {
            command.totalMinor();
        } catch (ArithmeticException e) {
            throw new InvalidFieldException("lines", "the order total is too large");
        }
        return command;
    }

    private static Optional<String> validKey(String key) {
        if (key == null) {
            return Optional.empty();
        }
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH || !key.matches("[\\x21-\\x7E]+")) {
            throw new InvalidFieldException("Idempotency-Key",
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " visible ASCII characters");
        }
        return Optional.of(key);
    }

    private static List<OrderResponse.Line> lines(List<OrderLine> lines, String currency) {
        return lines.stream()
                .map(l -> new OrderResponse.Line(l.sku(), l.quantity(), Prices.toDecimal(l.unitPriceMinor(), currency)))
                .toList();
    }

    private static List<OrderResponse.TimelineItem> timeline(List<TimelineEntry> entries) {
        return entries.stream()
                .map(e -> new OrderResponse.TimelineItem(e.type(), e.at(), e.source(), emptyToNull(e.detail())))
                .toList();
    }

    private static String emptyToNull(String text) {
        return text == null || text.isEmpty() ? null : text;
    }
}
