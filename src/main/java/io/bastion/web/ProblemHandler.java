package io.bastion.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every exception that reaches Spring MVC into an RFC 9457 problem. Details describe the rule
 * that failed and name the field, but never echo the caller's input (which may hold a card number).
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
class ProblemHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);
    private final Problems problems;

    ProblemHandler(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        if (BodyLimitFilter.exceeded(e)) {
            return respond(problems.of(ProblemType.BODY_TOO_LARGE, "The request body exceeds 1 MiB."));
        }
        Throwable cause = e.getMostSpecificCause();
        // The parser's message quotes the offending input; the log formatter masks card numbers and keys in it.
        LOG.info("unreadable request body: {}", cause.getMessage());
        return respond(switch (cause) {
            case UnrecognizedPropertyException u -> problems.invalid(ProblemType.UNKNOWN_FIELD,
                    "Field '" + path(u) + "' is not accepted here.",
                    List.of(new Problems.FieldError(path(u), "unknown-field", "is not a field of this request")));
            case InvalidFormatException f -> wrongType(f);
            case MismatchedInputException m when m.getTargetType() != null && !m.getPath().isEmpty() -> wrongType(m);
            case StreamReadException r -> problems.of(ProblemType.MALFORMED_JSON,
                    "The body is not well-formed JSON (line " + r.getLocation().getLineNr()
                            + ", column " + r.getLocation().getColumnNr() + ").");
            case DatabindException d -> problems.of(ProblemType.MALFORMED_JSON, "The body does not match the expected JSON structure.");
            default -> problems.of(ProblemType.MISSING_BODY, "The request body is missing or unreadable.");
        });
    }

    private ProblemDetail wrongType(MismatchedInputException e) {
        String field = path(e);
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return problems.invalid(ProblemType.WRONG_TYPE, "Field '" + field + "' must be " + expected + ".",
                List.of(new Problems.FieldError(field, "type", "must be " + expected)));
    }

    private static String describe(Class<?> type) {
        if (type == long.class || type == Long.class || type == int.class || type == Integer.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT);
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        List<Problems.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new Problems.FieldError(f.getField(), rule(f.getCode()), f.getDefaultMessage()))
                .toList();
        String fields = String.join(", ", errors.stream().map(Problems.FieldError::field).distinct().toList());
        return respond(problems.invalid(ProblemType.INVALID_FIELD, "Invalid value for: " + fields + ".", errors));
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameter(HandlerMethodValidationException e) {
        List<Problems.FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new Problems.FieldError(
                        r.getMethodParameter().getParameterName(), rule(err.getCodes() == null ? null : err.getCodes()[err.getCodes().length - 1]),
                        err.getDefaultMessage())))
                .toList();
        return respond(problems.invalid(ProblemType.INVALID_PARAMETER, "A parameter breaks a rule.", errors));
    }

    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> violated(jakarta.validation.ConstraintViolationException e) {
        List<Problems.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problems.FieldError(lastNode(v.getPropertyPath().toString()),
                        rule(v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()), v.getMessage()))
                .toList();
        return respond(problems.invalid(ProblemType.INVALID_PARAMETER, "A parameter breaks a rule.", errors));
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String rule(String code) {
        return code == null ? "invalid" : code.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            MissingRequestHeaderException.class})
    ResponseEntity<ProblemDetail> badParameter(Exception e) {
        String name = switch (e) {
            case MethodArgumentTypeMismatchException m -> m.getName();
            case MissingServletRequestParameterException m -> m.getParameterName();
            case MissingRequestHeaderException m -> m.getHeaderName();
            default -> "parameter";
        };
        String rule = e instanceof MethodArgumentTypeMismatchException ? "type" : "required";
        return respond(problems.invalid(ProblemType.INVALID_PARAMETER, "Parameter '" + name + "' is "
                        + (rule.equals("type") ? "of the wrong type." : "required."),
                List.of(new Problems.FieldError(name, rule, rule.equals("type") ? "has the wrong type" : "is required"))));
    }

    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<ProblemDetail> notFound(Exception e) {
        return respond(problems.of(ProblemType.NOT_FOUND, "Nothing exists at this address."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        ResponseEntity<ProblemDetail> response = respond(problems.of(ProblemType.METHOD_NOT_ALLOWED,
                "This address does not accept " + e.getMethod() + "."));
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(response.getHeaders());
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(problems.of(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return respond(problems.of(ProblemType.NOT_ACCEPTABLE, "This endpoint answers in JSON only."));
    }

    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> problem(ProblemException e) {
        return respond(e.problem());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ProblemDetail> status(ResponseStatusException e) {
        return respond(problems.of(ProblemType.forStatus(e.getStatusCode().value()),
                ProblemType.forStatus(e.getStatusCode().value()).explanation()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        LOG.error("unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return respond(problems.of(ProblemType.INTERNAL_ERROR, "Bastion could not complete the request."));
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatusCode.valueOf(problem.getStatus()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(problem);
    }
}
