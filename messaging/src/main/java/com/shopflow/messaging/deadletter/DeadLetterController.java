package com.shopflow.messaging.deadletter;

import java.util.List;

import com.shopflow.messaging.kafka.DeadLetters;
import com.shopflow.messaging.kafka.DeadLetters.DeadLetter;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP access to dead letters: list a topic's dead letters, replay one to its original topic. */
@RestController
@RequestMapping("/dead-letters")
public class DeadLetterController {

    private final DeadLetters deadLetters;

    /** Serves {@code deadLetters}. */
    public DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The dead letters of {@code topic} (either {@code orders} or {@code orders.DLT}). */
    @GetMapping("/{topic}")
    public List<DeadLetter> list(@PathVariable String topic, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000");
        }
        return deadLetters.list(topic, limit);
    }

    /** Re-publishes one dead letter's original bytes to its original topic. */
    @PostMapping("/{topic}/{partition}/{offset}/replay")
    public ResponseEntity<?> replay(@PathVariable String topic, @PathVariable int partition,
            @PathVariable long offset) {
        return deadLetters.replay(topic, partition, offset)
                .<ResponseEntity<?>>map(r -> ResponseEntity.accepted().body(r))
                .orElseGet(() -> {
                    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                            "No dead letter at " + DeadLetters.dltOf(topic) + " partition " + partition + " offset "
                                    + offset);
                    problem.setTitle("Dead letter not found");
                    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
                });
    }

    /** A bad {@code limit} is the client's mistake. */
    @org.springframework.web.bind.annotation.ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setProperty("field", "limit");
        return ResponseEntity.badRequest().body(problem);
    }

}
