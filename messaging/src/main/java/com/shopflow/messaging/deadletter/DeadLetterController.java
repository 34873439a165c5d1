package com.shopflow.messaging.deadletter;

import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    private final Set<String> topics;

    /** Serves {@code deadLetters} of the service's own {@code topics} (those in {@code shopflow.messaging.topics}). */
    public DeadLetterController(DeadLetters deadLetters, Set<String> topics) {
        this.deadLetters = deadLetters;
        this.topics = Set.copyOf(topics);
    }

    /** The dead letters of {@code topic} (either {@code orders} or {@code orders.DLT}). */
    @GetMapping("/{topic}")
    public ResponseEntity<?> list(@PathVariable String topic, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000");
        }
        return unknownTopic(topic).<ResponseEntity<?>>map(problem -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(problem)).orElseGet(() -> ResponseEntity.ok(deadLetters.list(topic, limit)));
    }

    /**
     * Only the service's own topics are looked at: any other name (also one Kafka would refuse) is not found, and
     * asking never makes the broker create a topic.
     */
    private Optional<ProblemDetail> unknownTopic(String topic) {
        String base = topic.endsWith(".DLT") ? topic.substring(0, topic.length() - ".DLT".length()) : topic;
        if (topics.contains(base)) {
            return Optional.empty();
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "This service has no topic of that name; its topics: " + topics.stream().sorted().toList());
        problem.setTitle("Unknown topic");
        problem.setProperty("field", "topic");
        return Optional.of(problem);
    }

    /** Re-publishes one dead letter's original bytes to its original topic. */
    @PostMapping("/{topic}/{partition}/{offset}/replay")
    public ResponseEntity<?> replay(@PathVariable String topic, @PathVariable int partition,
            @PathVariable long offset) {
        Optional<ProblemDetail> unknown = unknownTopic(topic);
        if (unknown.isPresent()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(unknown.get());
        }
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
