package com.shopflow.web;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/**
 * Builds the problem+json bodies of all services in one shape, also for a service's own exception handlers: {@code
 * detail} reads {@code "field: message; ..."}, {@code field} names the first offending input and {@code errors} lists
 * every one as {@code {"field","message"}}.
 */
public final class Problems {

    /** Title of a 400 for inputs that were read but are not acceptable (bean validation, parameters, headers). */
    public static final String INVALID_REQUEST = "Invalid request";
    /** Title of a 400 for a body that could not be read as the expected JSON. */
    public static final String MALFORMED_BODY = "Malformed request body";

    private Problems() {
    }

    /** A problem about one input; a {@code null} title leaves the HTTP reason phrase (RFC 9457 for about:blank). */
    public static ProblemDetail forField(HttpStatusCode status, String title, String field, String message) {
        return forFields(status, title, List.of(new FieldProblem(field, message)));
    }

    /** A problem about several inputs (at least one); {@code field} names the first. */
    public static ProblemDetail forFields(HttpStatusCode status, String title, List<FieldProblem> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a field problem needs at least one field");
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, errors.stream()
                .map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; ")));
        if (title != null) {
            problem.setTitle(title);
        }
        problem.setProperty("field", errors.getFirst().field());
        problem.setProperty("errors", List.copyOf(errors));
        return problem;
    }
}
