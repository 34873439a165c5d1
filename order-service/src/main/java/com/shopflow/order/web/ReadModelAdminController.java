package com.shopflow.order.web;

import com.shopflow.order.OrderViews;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operator endpoint to rebuild the order read model from the event topics. */
@RestController
public class ReadModelAdminController {

    private final OrderViews views;

    public ReadModelAdminController(OrderViews views) {
        this.views = views;
    }

    @Operation(summary = "Rebuild the read model",
            description = "Truncates the timeline and order list tables and replays orders, payments and inventory "
                    + "from the beginning. Answers once the replay has started; the model fills up asynchronously.")
    @PostMapping("/admin/read-model/rebuild")
    public ResponseEntity<Map<String, String>> rebuild() {
        views.rebuild();
        return ResponseEntity.accepted().body(Map.of("status", "REPLAYING"));
    }
}
