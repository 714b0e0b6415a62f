package dev.stint.wasm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.wasm.InvalidExtensionException;
import java.nio.charset.StandardCharsets;

/**
 * The one job class behind every extension job. Its fields are its stored state: which extension job it
 * is, its JSON arguments, and the bytes of its latest checkpoint. The engine stores and rebuilds it like
 * any other job, so extension jobs pause, resume and survive a crash exactly like Java jobs.
 *
 * <p>{@link #state} changes only when the module checkpoints (and the checkpoint commits), so when a run
 * stops, whatever the reason, the state the engine stores is the module's last checkpoint.
 */
public final class WasmJob implements Job<Object> {
    private static final ObjectMapper ARGS = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private String extensionId;
    private String jobName;
    private String arguments;
    private byte[] state;

    /** For the engine, which rebuilds jobs from stored state. */
    public WasmJob() {
    }

    private WasmJob(String extensionId, String jobName, String arguments) {
        this.extensionId = extensionId;
        this.jobName = jobName;
        this.arguments = arguments;
    }

    /**
     * A new job for {@code Library.dispatch("ext:job", json)}: the arguments must be one JSON object within
     * the size limit; they are stored in compact form.
     *
     * @throws IllegalArgumentException with the reason, shown to the user
     */
    static WasmJob fromArguments(ExtensionJob target, String json) {
        String text = json == null || json.isBlank() ? "{}" : json;
        JsonNode tree;
        try {
            tree = ARGS.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments of " + target.dispatchName() + " are not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("arguments of " + target.dispatchName() + " must be a JSON object");
        }
        String compact = tree.toString();
        int size = compact.getBytes(StandardCharsets.UTF_8).length;
        if (size > target.limits().maxArgumentBytes()) {
            throw new IllegalArgumentException("arguments of " + target.dispatchName() + " take " + size
                    + " bytes, over the limit of " + target.limits().maxArgumentBytes());
        }
        return new WasmJob(target.extensionId(), target.jobName(), compact);
    }

    @Override
    public Object run(JobContext ctx) throws InterruptedException {
        String dispatchName = extensionId + ":" + jobName;
        if (!dispatchName.equals(ctx.jobName())) {
            // a stored row's name chose this class; its blob must not point at another extension's module
            throw new InvalidExtensionException(extensionId, jobName, "job " + ctx.jobId() + " is stored as "
                    + ctx.jobName() + " but its state names " + dispatchName + "; refusing to run it");
        }
        ExtensionJob target = ExtensionBindings.find(ctx.libraryDir(), dispatchName)
                .orElseThrow(() -> new InvalidExtensionException(extensionId, jobName, "extension job " + dispatchName
                        + " is not loaded: discover extensions with WasmExtensions for library " + ctx.libraryDir()
                        + " and pass their catalog() to the library builder"));
        return new WasmRun(target, this, ctx).run();
    }

    String arguments() {
        return arguments == null ? "{}" : arguments;
    }

    byte[] state() {
        return state == null ? new byte[0] : state;
    }

    void setState(byte[] state) {
        this.state = state;
    }

    @Override
    public String toString() {
        return "WasmJob[" + extensionId + ":" + jobName + " " + arguments() + ", state " + state().length + " bytes]";
    }
}
