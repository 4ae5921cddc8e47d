package io.bastion.web;

import java.util.Arrays;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * Every problem Bastion's HTTP layer reports, each with a stable type URI under {@code /problems/}
 * whose page explains it.
 */
public enum ProblemType {
    MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST, "Malformed JSON",
            "The request body is not well-formed JSON. Check quoting, commas and brackets."),
    UNKNOWN_FIELD("unknown-field", HttpStatus.BAD_REQUEST, "Unknown field",
            "The request body contains a field this endpoint does not accept. Bastion rejects unknown fields "
                    + "rather than ignoring them, so a misspelt field never silently changes a payment."),
    WRONG_TYPE("wrong-type", HttpStatus.BAD_REQUEST, "Wrong type",
            "A field has a value of the wrong type, for example text where a whole number is expected."),
    MISSING_BODY("missing-body", HttpStatus.BAD_REQUEST, "Missing body",
            "This endpoint needs a JSON request body."),
    INVALID_FIELD("invalid-field", HttpStatus.BAD_REQUEST, "Invalid field",
            "A field's value breaks a rule; the problem's errors list names each field and rule."),
    INVALID_PARAMETER("invalid-parameter", HttpStatus.BAD_REQUEST, "Invalid parameter",
            "A query parameter, path segment or header has a value Bastion cannot accept."),
    BAD_REQUEST("bad-request", HttpStatus.BAD_REQUEST, "Bad request",
            "The request could not be understood."),
    BODY_TOO_LARGE("body-too-large", HttpStatus.CONTENT_TOO_LARGE, "Body too large",
            "Request bodies are limited to 1 MiB."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
            "Send request bodies as application/json."),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable",
            "Bastion answers this endpoint in JSON only."),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found",
            "Nothing exists at this address, or it is not visible to you."),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed",
            "This address does not accept that HTTP method."),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required",
            "Send a valid API key as 'Authorization: Bearer <key>'. Missing, unknown, expired and revoked "
                    + "keys all get this same answer."),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Forbidden",
            "Your credential is valid but lacks the scope this action needs."),
    IDEMPOTENCY_KEY_INVALID("idempotency-key-invalid", HttpStatus.BAD_REQUEST, "Invalid Idempotency-Key",
            "An Idempotency-Key is 1 to 255 visible ASCII characters; use a random UUID."),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
            "This Idempotency-Key was already used for a different request. Use a new key for each new "
                    + "operation and the same key only to retry the same request."),
    IDEMPOTENCY_IN_PROGRESS("idempotency-in-progress", HttpStatus.CONFLICT, "Request in progress",
            "A request with this Idempotency-Key is still being processed. Retry after a moment."),
    CONFLICT("conflict", HttpStatus.CONFLICT, "Conflict",
            "The request conflicts with something that already exists, for example an id reused with different fields."),
    UNPROCESSABLE("unprocessable", HttpStatus.UNPROCESSABLE_CONTENT, "Unprocessable request",
            "The request is well-formed but breaks a business rule; the detail says which."),
    TOO_MANY_REQUESTS("too-many-requests", HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
            "Slow down; the Retry-After header says when to try again."),
    INTERNAL_ERROR("internal-error", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
            "Bastion could not complete the request and changed nothing it could not undo. Quote the "
                    + "request id when you contact support."),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
            "Bastion is temporarily unable to handle the request. Retry later.");

    private final String slug;
    private final HttpStatus status;
    private final String title;
    private final String explanation;

    ProblemType(String slug, HttpStatus status, String title, String explanation) {
        this.slug = slug;
        this.status = status;
        this.title = title;
        this.explanation = explanation;
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String explanation() {
        return explanation;
    }

    public String path() {
        return "/problems/" + slug;
    }

    public static Optional<ProblemType> bySlug(String slug) {
        return Arrays.stream(values()).filter(t -> t.slug.equals(slug)).findFirst();
    }

    /** The best-matching type for a bare status code, used where no specific problem is known. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> BODY_TOO_LARGE;
            case 409 -> CONFLICT;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> UNPROCESSABLE;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}
