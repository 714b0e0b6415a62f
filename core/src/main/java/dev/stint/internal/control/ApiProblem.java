package dev.stint.internal.control;

/**
 * A request the endpoint refuses, with its HTTP status and the API's error code ({@code docs/control-api.md});
 * rendered as {@code {"error":{"code","message"}}}.
 */
final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    ApiProblem(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    static ApiProblem unauthorized(String message) {
        return new ApiProblem(401, "unauthorized", message);
    }

    static ApiProblem badRequest(String message) {
        return new ApiProblem(400, "bad_request", message);
    }

    static ApiProblem tooLarge(int status, String message) {
        return new ApiProblem(status, "too_large", message);
    }
}
