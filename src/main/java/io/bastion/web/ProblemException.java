package io.bastion.web;

import org.springframework.http.ProblemDetail;

/** Thrown by a controller to answer with a specific problem. */
public final class ProblemException extends RuntimeException {

    private final transient ProblemDetail problem;

    public ProblemException(ProblemDetail problem) {
        super(problem.getTitle(), null, false, false);
        this.problem = problem;
    }

    public ProblemDetail problem() {
        return problem;
    }
}
