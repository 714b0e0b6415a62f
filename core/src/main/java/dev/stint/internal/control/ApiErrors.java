package dev.stint.internal.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.ControlEndpointException;
import dev.stint.IllegalJobTransitionException;
import dev.stint.InvalidJobArgumentsException;
import dev.stint.JobDataTooLargeException;
import dev.stint.JobNotFoundException;
import dev.stint.JobNotResumableException;
import dev.stint.JobNotRetryableException;
import dev.stint.JobStatus;
import dev.stint.LibraryClosedException;
import dev.stint.StintException;
import dev.stint.UnknownJobTypeException;
import dev.stint.UnknownQueueException;
import java.nio.charset.StandardCharsets;

/**
 * The API's error codes both ways: a {@link Library} exception to its status and code on the server, and an
 * error answer back to the same exception type in {@link dev.stint.RemoteLibrary}. Messages never carry stack
 * traces.
 */
public final class ApiErrors {
    private ApiErrors() {
    }

    /** The answer for an exception a route let through. */
    static ApiProblem of(RuntimeException e) {
        return switch (e) {
            case JobNotFoundException x -> new ApiProblem(404, "job_not_found", x.getMessage());
            case UnknownJobTypeException x -> new ApiProblem(400, "unknown_job_type", x.getMessage());
            case InvalidJobArgumentsException x -> new ApiProblem(400, "invalid_arguments", x.getMessage());
            case UnknownQueueException x -> new ApiProblem(400, "unknown_queue", x.getMessage());
            case IllegalJobTransitionException x -> new ApiProblem(409, "illegal_transition", x.getMessage());
            case JobNotRetryableException x -> new ApiProblem(409, "not_retryable", x.getMessage());
            case JobNotResumableException x -> new ApiProblem(409, "not_resumable", x.getMessage());
            case JobDataTooLargeException x -> new ApiProblem(413, "too_large", x.getMessage());
            case LibraryClosedException x -> new ApiProblem(503, "library_closed", x.getMessage());
            case IllegalArgumentException x -> ApiProblem.badRequest(x.getMessage());
            default -> new ApiProblem(500, "internal", e instanceof StintException
                    ? e.getMessage() : "the request failed inside the library (" + e.getClass().getSimpleName()
                    + "); see its log");
        };
    }

    static byte[] body(ObjectMapper mapper, ApiProblem problem) {
        ObjectNode o = mapper.createObjectNode();
        ObjectNode error = o.putObject("error");
        error.put("code", problem.code());
        error.put("message", problem.getMessage());
        try {
            return mapper.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            return ("{\"error\":{\"code\":\"" + problem.code() + "\",\"message\":\"\"}}")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * What a client throws for an error answer: the exception {@link dev.stint.Library} would have thrown for the
     * same call, or {@link ControlEndpointException} for the endpoint's own refusals. The exception's message is
     * the server's message.
     *
     * @param jobId the job the call was about, or null
     * @param subject the job type or queue name the call was about, or null
     */
    public static RuntimeException toException(String code, int status, String message, String jobId,
            String subject) {
        String text = message == null ? code : message;
        return switch (code) {
            case "job_not_found" -> new JobNotFoundException(jobId);
            case "unknown_job_type" -> new UnknownJobTypeException(null, subject, afterLast(text, "; known types: "));
            case "invalid_arguments" -> new InvalidJobArgumentsException(subject, afterFirst(text, "': "), null);
            case "unknown_queue" -> new UnknownQueueException(subject, afterLast(text, "configured queues: "));
            case "illegal_transition" -> transition(jobId, text);
            case "not_retryable" -> new JobNotRetryableException(jobId, afterFirst(text, "cannot be retried: "));
            case "not_resumable" -> new JobNotResumableException(jobId, null, "pause");
            case "library_closed" -> new LibraryClosedException(jobId, text);
            default -> new ControlEndpointException(code, status, text, null);
        };
    }

    private static RuntimeException transition(String jobId, String message) {
        // "job X cannot go from <from> to <to>"
        int from = message.lastIndexOf(" from ");
        int to = message.lastIndexOf(" to ");
        try {
            return new IllegalJobTransitionException(jobId, JobStatus.fromWireName(message.substring(from + 6, to)),
                    JobStatus.fromWireName(message.substring(to + 4).strip()));
        } catch (RuntimeException e) {
            return new ControlEndpointException("illegal_transition", 409, message, null);
        }
    }

    private static String afterFirst(String text, String marker) {
        int i = text.indexOf(marker);
        return i < 0 ? text : text.substring(i + marker.length());
    }

    private static String afterLast(String text, String marker) {
        int i = text.lastIndexOf(marker);
        return i < 0 ? null : text.substring(i + marker.length());
    }
}
