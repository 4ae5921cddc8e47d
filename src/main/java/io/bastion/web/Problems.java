package io.bastion.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds RFC 9457 problem details with Bastion's stable type URIs, and writes them from filters. */
@Component
public class Problems {

    private final String baseUrl;
    private final JsonMapper json;

    Problems(@Value("${bastion.public-url:https://localhost:8443}") String baseUrl, JsonMapper json) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.json = json;
    }

    /** A problem of a type with a human-readable detail that never echoes the caller's input. */
    public ProblemDetail of(ProblemType type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(type.status(), detail);
        problem.setType(URI.create(baseUrl + type.path()));
        problem.setTitle(type.title());
        return problem;
    }

    /** A problem naming the fields and rules that failed, as {@code errors: [{field, rule, message}]}. */
    public ProblemDetail invalid(ProblemType type, String detail, List<FieldError> errors) {
        ProblemDetail problem = of(type, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Writes a problem directly to a servlet response, for filters that run before Spring MVC. */
    public void write(HttpServletResponse response, ProblemDetail problem, Map<String, String> headers) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.getStatus());
        headers.forEach(response::setHeader);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("Cache-Control", "no-store");
        json.writeValue(response.getOutputStream(), problem);
    }

    /** One failed rule on one field. */
    public record FieldError(String field, String rule, String message) {
    }
}
