package com.shopflow.web;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestCookieException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import com.shopflow.web.security.NotYoursException;

/**
 * Turns every client mistake the services know of into an RFC 9457 problem+json 4xx that names the offending input
 * (see {@link Problems} for the shape), never a 500: unreadable or malformed JSON, values of the wrong type or out of
 * range (naming the JSON path, e.g. {@code lines[0].quantity}), bean validation of bodies and parameters, missing or
 * mistyped parameters and headers, {@link InvalidFieldException}, bodies over the limit (413) and the wrong content
 * type (415). Spring's own handling answers the rest (404 unknown path, 405 wrong method, 406, ...) as problem+json.
 * <p>
 * Auto-configured for every servlet service. A service maps its own domain exceptions in a small
 * {@code @RestControllerAdvice} (or controller {@code @ExceptionHandler}) of its web package, ideally building the
 * body with {@link Problems}; declaring a subclass of this class as a bean replaces this one.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(InvalidFieldException.class)
    public ProblemDetail invalidField(InvalidFieldException e) {
        return Problems.forField(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, e.field(), e.getMessage());
    }

    /** A customer acting for another customer (e.g. placing an order in someone else's name). */
    @ExceptionHandler(NotYoursException.class)
    public ProblemDetail notYours(NotYoursException e) {
        return Problems.forField(HttpStatus.FORBIDDEN, null, e.field(), e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ObjectError error : e.getBindingResult().getAllErrors()) {
            problems.add(new FieldProblem(error instanceof FieldError field ? field.getField() : "body", message(error)));
        }
        if (problems.isEmpty()) {
            problems.add(new FieldProblem("body", "is invalid"));
        }
        return badRequest(e, problems, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(parameterName(result.getMethodParameter().getParameterName(),
                                error), message(error))))
                .toList();
        if (problems.isEmpty()) {
            // Only return value or cross-parameter constraints: not a client mistake, keep Spring's answer.
            return super.handleHandlerMethodValidationException(e, headers, status, request);
        }
        return badRequest(e, problems, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException argument ? argument.getName()
                : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return badRequest(e, List.of(new FieldProblem(field == null ? "parameter" : field,
                "'%s' is not a valid %s".formatted(e.getValue(), expected))), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(e, List.of(new FieldProblem(e.getParameterName(), "is required")), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return badRequest(e, List.of(new FieldProblem(e.getRequestPartName(), "is required")), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String missing = switch (e) {
            case MissingRequestHeaderException header -> header.getHeaderName();
            case MissingRequestCookieException cookie -> cookie.getCookieName();
            default -> null;
        };
        if (missing == null) {
            return super.handleServletRequestBindingException(e, headers, status, request);
        }
        return badRequest(e, List.of(new FieldProblem(missing, "is required")), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodyTooLargeException tooLarge = causeOf(e, BodyTooLargeException.class);
        if (tooLarge != null) {
            ProblemDetail problem = Problems.forField(HttpStatus.CONTENT_TOO_LARGE, null, "body",
                    tooLarge.getMessage());
            return handleExceptionInternal(e, problem, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
        ProblemDetail problem = Problems.forFields(HttpStatus.BAD_REQUEST, Problems.MALFORMED_BODY,
                List.of(unreadable(e)));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.forField(HttpStatus.UNSUPPORTED_MEDIA_TYPE, null, "Content-Type",
                "'" + e.getContentType() + "' is not supported, send " + e.getSupportedMediaTypes());
        return handleExceptionInternal(e, problem, headers, HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
    }

    private ResponseEntity<Object> badRequest(Exception e, List<FieldProblem> problems, HttpHeaders headers,
            WebRequest request) {
        ProblemDetail problem = Problems.forFields(HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST, problems);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** What is wrong with a body Jackson could not turn into the request object, named by its JSON path. */
    private static FieldProblem unreadable(HttpMessageNotReadableException e) {
        JacksonException withPath = null;
        for (Throwable t = e; t != null && withPath == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException json && !json.getPath().isEmpty()) {
                withPath = json;
            }
        }
        if (causeOf(e, InputCoercionException.class) != null) {
            return new FieldProblem(withPath == null ? "body" : path(withPath), "is out of range");
        }
        if (causeOf(e, StreamReadException.class) != null) {
            return new FieldProblem("body", "is not well-formed JSON");
        }
        if (withPath != null) {
            return new FieldProblem(path(withPath), "has the wrong type or format");
        }
        if (causeOf(e, JacksonException.class) != null) {
            return new FieldProblem("body", "must be a JSON object");
        }
        return new FieldProblem("body", "is missing or unreadable");
    }

    /** JSON path of the offending value in the form bean validation uses, e.g. {@code lines[0].unitPrice}. */
    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String parameterName(String parameter, MessageSourceResolvable error) {
        if (error instanceof FieldError fieldError) {
            return fieldError.getField();
        }
        return parameter == null ? "parameter" : parameter;
    }

    private static String message(MessageSourceResolvable error) {
        return error.getDefaultMessage() != null ? error.getDefaultMessage()
                : new DefaultMessageSourceResolvable(error.getCodes(), "is invalid").getDefaultMessage();
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
