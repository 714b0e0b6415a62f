package dev.stint.wasm.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stint.wasm.InvalidExtensionException;
import dev.stint.wasm.WasmCapability;
import dev.stint.wasm.WasmLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A parsed {@code stint-extension.json}. Unknown fields are errors, so a typo is reported rather than
 * silently ignored.
 *
 * <pre>{@code
 * {
 *   "id": "demo-wasm",
 *   "abiVersion": 1,
 *   "name": "Demo extension", "version": "1.0.0", "description": "...",     (optional)
 *   "capabilities": ["clock"],                                             (optional)
 *   "limits": {"wallTimeSeconds": 60, "maxStateBytes": 4096, "maxOutputBytes": 4096},  (optional)
 *   "jobs": [
 *     {"name": "count", "version": 1, "module": "count.wasm", "resumable": true, "limits": {...}}
 *   ]
 * }
 * }</pre>
 */
public record ExtensionDescriptor(
        String id, int abiVersion, String name, String version, String description,
        List<JobEntry> jobs, Set<WasmCapability> capabilities, Limits limits) {

    /** The descriptor's file name. */
    public static final String FILE_NAME = "stint-extension.json";

    /** Ids and job names: lower-case letters, digits, dot, dash and underscore; 1 to 64 characters. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private static final Pattern MODULE_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** One job of the extension. */
    public record JobEntry(String name, int version, String module, boolean resumable, Limits limits) {
    }

    /** Limits a descriptor asks for; null fields take the application's values. */
    public record Limits(Double wallTimeSeconds, Integer maxStateBytes, Integer maxOutputBytes) {
        static final Limits NONE = new Limits(null, null, null);

        /** These limits over {@code base}, checked against the application's caps. */
        WasmLimits apply(WasmLimits base, WasmLimits caps, String where) {
            WasmLimits out = base;
            if (wallTimeSeconds != null) {
                if (!(wallTimeSeconds > 0) || wallTimeSeconds.isInfinite()) {
                    throw new IllegalArgumentException(where + ": wallTimeSeconds must be > 0, was " + wallTimeSeconds);
                }
                Duration d = Duration.ofNanos((long) Math.min(Long.MAX_VALUE, wallTimeSeconds * 1e9));
                if (d.compareTo(caps.wallTime()) > 0) {
                    throw new IllegalArgumentException(where + ": wallTimeSeconds " + number(wallTimeSeconds)
                            + " is over the application's limit of " + number(caps.wallTime().toMillis() / 1000.0) + " s");
                }
                out = out.withWallTime(d);
            }
            if (maxStateBytes != null) {
                if (maxStateBytes < 0 || maxStateBytes > caps.maxStateBytes()) {
                    throw new IllegalArgumentException(where + ": maxStateBytes " + maxStateBytes
                            + " is not within the application's limit of 0.." + caps.maxStateBytes());
                }
                out = out.withMaxStateBytes(maxStateBytes);
            }
            if (maxOutputBytes != null) {
                if (maxOutputBytes < 0 || maxOutputBytes > caps.maxOutputBytes()) {
                    throw new IllegalArgumentException(where + ": maxOutputBytes " + maxOutputBytes
                            + " is not within the application's limit of 0.." + caps.maxOutputBytes());
                }
                out = out.withMaxOutputBytes(maxOutputBytes);
            }
            return out;
        }
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    // The JSON shapes, kept apart from the validated record.
    private record Json(String id, Integer abiVersion, String name, String version, String description,
            List<JobJson> jobs, List<String> capabilities, Limits limits) {
    }

    private record JobJson(String name, Integer version, String module, Boolean resumable, Limits limits) {
    }

    /**
     * Parses and validates a descriptor. Capabilities are checked against the grants separately, so that
     * an ungranted capability still leaves the extension's id and job names known.
     *
     * @param location where the descriptor was found, for messages
     * @throws InvalidExtensionException naming the location and the problem
     */
    public static ExtensionDescriptor parse(byte[] bytes, String location) {
        Json j;
        try {
            j = JSON.readValue(bytes, Json.class);
        } catch (UnrecognizedPropertyException e) {
            throw invalid(null, location, "unknown field \"" + e.getPropertyName() + "\" in " + FILE_NAME
                    + " (allowed there: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(java.util.stream.Collectors.joining(", ")) + ")", e);
        } catch (JsonProcessingException e) {
            throw invalid(null, location, "malformed " + FILE_NAME + ": " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw invalid(null, location, "cannot read " + FILE_NAME + ": " + e.getMessage(), e);
        }
        if (j == null) {
            throw invalid(null, location, FILE_NAME + " is empty");
        }
        if (j.id() == null || !NAME.matcher(j.id()).matches()) {
            throw invalid(null, location, "\"id\" must be 1-64 lower-case letters, digits, '.', '-' or '_' "
                    + "(starting with a letter or digit), was " + quote(j.id()));
        }
        String id = j.id();
        if (j.abiVersion() == null) {
            throw invalid(id, location, "\"abiVersion\" is missing (this Stint implements ABI version " + Abi.VERSION + ")");
        }
        if (j.abiVersion() != Abi.VERSION) {
            throw invalid(id, location, "declares ABI version " + j.abiVersion() + "; this Stint implements ABI version "
                    + Abi.VERSION);
        }
        if (j.jobs() == null || j.jobs().isEmpty()) {
            throw invalid(id, location, "\"jobs\" must list at least one job");
        }
        List<JobEntry> jobs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JobJson job : j.jobs()) {
            if (job == null || job.name() == null || !NAME.matcher(job.name()).matches()) {
                throw invalid(id, location, "a job \"name\" must be 1-64 lower-case letters, digits, '.', '-' or '_', was "
                        + quote(job == null ? null : job.name()));
            }
            if (!seen.add(job.name())) {
                throw invalid(id, location, "job " + quote(job.name()) + " is listed twice");
            }
            int version = job.version() == null ? 1 : job.version();
            if (version < 1) {
                throw invalid(id, location, "job " + quote(job.name()) + ": \"version\" must be >= 1, was " + version);
            }
            if (job.module() == null || !MODULE_PATH.matcher(job.module()).matches()
                    || List.of(job.module().split("/")).contains("..") || List.of(job.module().split("/")).contains(".")) {
                throw invalid(id, location, "job " + quote(job.name()) + ": \"module\" must be a relative path inside the "
                        + "extension's folder (letters, digits, '.', '-', '_' and '/', no '..'), was " + quote(job.module()));
            }
            jobs.add(new JobEntry(job.name(), version, job.module(), job.resumable() == null || job.resumable(),
                    job.limits() == null ? Limits.NONE : job.limits()));
        }
        Set<WasmCapability> caps = new LinkedHashSet<>();
        if (j.capabilities() != null) {
            for (String c : j.capabilities()) {
                caps.add(WasmCapability.byName(c).orElseThrow(() -> invalid(id, location, "requests unknown capability "
                        + quote(c) + "; known capabilities: " + WasmCapability.knownNames())));
            }
        }
        return new ExtensionDescriptor(id, j.abiVersion(), j.name(), j.version(), j.description(), List.copyOf(jobs),
                Set.copyOf(caps), j.limits() == null ? Limits.NONE : j.limits());
    }

    static InvalidExtensionException invalid(String id, String location, String problem) {
        return invalid(id, location, problem, null);
    }

    static InvalidExtensionException invalid(String id, String location, String problem, Throwable cause) {
        String who = id == null ? "extension at " + location : "extension '" + id + "' (" + location + ")";
        return new InvalidExtensionException(id, null, who + ": " + problem, cause);
    }

    private static String quote(String s) {
        return s == null ? "nothing" : "'" + s + "'";
    }
}
