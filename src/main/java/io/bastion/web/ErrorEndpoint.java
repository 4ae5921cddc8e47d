package io.bastion.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers errors raised outside Spring MVC (by the servlet container or a filter) with a problem, so
 * no framework error page or stack trace can be provoked from outside.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    private final Problems problems;

    ErrorEndpoint(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping(value = "/error", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 404;
        Object error = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ProblemType type = error instanceof Throwable t && BodyLimitFilter.exceeded(t)
                ? ProblemType.BODY_TOO_LARGE : ProblemType.forStatus(status);
        if (status < 400) {
            type = ProblemType.NOT_FOUND;
        }
        ProblemDetail problem = problems.of(type, type.explanation());
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(problem);
    }
}
