package io.vigil.audit.api;

/** An expected API failure that {@link ProblemMapper} turns into a problem response. */
class ProblemException extends RuntimeException {

    private final transient Problem problem;

    ProblemException(int status, String code, String message) {
        super(message);
        this.problem = new Problem(status, code, message);
    }

    Problem problem() {
        return problem;
    }

    static ProblemException badRequest(String code, String message) {
        return new ProblemException(400, code, message);
    }

    static ProblemException notFound(String code, String message) {
        return new ProblemException(404, code, message);
    }
}
