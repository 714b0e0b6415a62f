package dev.stint.internal.codec;

import dev.stint.Job;
import dev.stint.JobDataTooLargeException;
import dev.stint.JobDataTooLargeException.Kind;
import dev.stint.StateRoundTripException;

/**
 * Encodes job state and outputs as MessagePack maps with named fields, and dispatch arguments from JSON.
 *
 * <p>Stored blobs are untrusted: the target class always comes from the compiled registry, polymorphic
 * default typing is never enabled, and unknown fields in stored state are ignored (so adding or removing
 * a field does not break stored jobs). Every stored blob is checked before it is parsed: no larger than
 * the library would write ({@link BlobLimits#maxReadBytes()}) and structurally sound
 * ({@link MessagePackValidator}), so a crafted blob fails with a {@link CodecException}, never with an
 * {@link OutOfMemoryError} or a {@link StackOverflowError}.
 *
 * <p>Writing is bounded by the library's {@link BlobLimits}. The explicit
 * {@link #encode(Object, Kind, String, String)} throws {@link JobDataTooLargeException}; the plain
 * {@link #encode(Object)} classifies what it encodes (a job object or a migrated state tree is state, the
 * codec's own records are not limited, anything else is an output) and throws a {@link CodecException}
 * caused by a {@link JobDataTooLargeException}, which the runner records as the job's critical failure.
 *
 * <p>The engine's own records (progress snapshots, stored errors, spawned child ids) and the state of a job
 * class without fields go through msgpack-core alone ({@link EngineRecords}, the same bytes Jackson wrote);
 * Jackson's mappers ({@link JacksonMappers}) are made the first time a job author's type is encoded or
 * decoded, so opening a library and running a job with no state creates no {@code ObjectMapper}.
 */
public final class StateCodec {
    static {
        MessagePackBuffers.preferUniversal();
    }

    private volatile JacksonMappers jackson;
    private volatile BlobLimits limits = BlobLimits.DEFAULTS;

    /** Creates the codec; Jackson's mappers come later, when first needed. */
    public StateCodec() {
    }

    private JacksonMappers jackson() {
        JacksonMappers j = jackson;
        if (j == null) {
            synchronized (this) {
                j = jackson;
                if (j == null) {
                    j = new JacksonMappers();
                    jackson = j;
                }
            }
        }
        return j;
    }

    /** Whether Jackson's mappers have been made (they are made when first needed). */
    boolean jacksonCreated() {
        return jackson != null;
    }

    /** Sets the library's limits; called once when the library opens, before anything is encoded. */
    public void useLimits(BlobLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

    /**
     * Whether every store of a job's state is checked by a round trip (the test kit's strict mode), rather than
     * the first of each run; see {@link #encodeChecked}.
     */
    public boolean checksEveryStore() {
        return checkEveryStore;
    }

    /** Makes every store of a job's state checked (tests: the test kit's strict mode); set once at open. */
    public void checkEveryStore(boolean every) {
        this.checkEveryStore = every;
    }

    private volatile boolean checkEveryStore;

    /** The limits in force. */
    public BlobLimits limits() {
        return limits;
    }

    /**
     * Encodes a value (job state, output, record) as MessagePack, bounded by the limit of what it is (see
     * the class comment).
     *
     * @throws CodecException if it cannot be encoded, or (caused by a {@link JobDataTooLargeException}) if
     *     it is over its limit
     */
    public byte[] encode(Object value) {
        byte[] blob = encodeUnbounded(value);
        Kind kind = kindOf(value);
        if (kind != null && blob.length > limits.of(kind)) {
            JobDataTooLargeException tooLarge = new JobDataTooLargeException(null, null, kind, blob.length,
                    limits.of(kind));
            throw new CodecException(tooLarge.getMessage(), tooLarge);
        }
        return blob;
    }

    /**
     * Encodes data of a known kind for job {@code jobId} (null before it is stored) of type {@code jobName}.
     *
     * @throws JobDataTooLargeException if it is over the library's limit for that kind
     * @throws CodecException if it cannot be encoded
     */
    public byte[] encode(Object value, Kind kind, String jobId, String jobName) {
        byte[] blob = encodeUnbounded(value);
        checkSize(kind, blob.length, jobId, jobName);
        return blob;
    }

    /**
     * Encodes data of a known kind, as {@link #encode(Object, Kind, String, String)} does, and checks that it
     * would come back as it is: decodes the bytes into {@code declaredType} and compares the result with
     * {@code value} part by part ({@link RoundTripCheck}). A job object is compared field by field.
     *
     * @param declaredType the type the data is read back as after a resume (a step's type, the job's class)
     * @param where what the data is, for the error: {@code step 'NAME'}, or null for a job's state (then the
     *     field that differs is named)
     * @throws StateRoundTripException if decoding gives another value, or fails
     * @throws JobDataTooLargeException if it is over the library's limit for that kind
     * @throws CodecException if it cannot be encoded
     */
    public byte[] encodeChecked(Object value, java.lang.reflect.Type declaredType, Kind kind, String jobId,
            String jobName, String where) {
        byte[] own = EngineRecords.encode(value);
        if (own != null) { // the engine's records and a job without fields: nothing of the author's to lose
            checkSize(kind, own.length, jobId, jobName);
            return own;
        }
        JacksonMappers j = jackson();
        byte[] blob = j.write(value);
        checkSize(kind, blob.length, jobId, jobName);
        RoundTrips.check(j, value, blob, declaredType, jobId, jobName, where);
        return blob;
    }

    /**
     * Throws if {@code size} bytes of {@code kind} data are over the library's limit.
     *
     * @throws JobDataTooLargeException if they are
     */
    public void checkSize(Kind kind, long size, String jobId, String jobName) {
        long limit = limits.of(kind);
        if (size > limit) {
            throw new JobDataTooLargeException(jobId, jobName, kind, size, limit);
        }
    }

    private static Kind kindOf(Object value) {
        // the codec's own records first: asking about JsonNode would load Jackson's tree classes
        if (value instanceof ProgressRecord || value instanceof StoredError || value instanceof StoredError[]
                || value instanceof String[]) {
            return null;
        }
        if (value instanceof Job<?> || value instanceof com.fasterxml.jackson.databind.JsonNode) {
            return Kind.STATE;
        }
        return Kind.OUTPUT;
    }

    private byte[] encodeUnbounded(Object value) {
        byte[] own = EngineRecords.encode(value);
        return own != null ? own : jackson().write(value);
    }

    /** Refuses a stored blob that is larger than the library would write or not sound MessagePack. */
    private void checkStored(byte[] blob) {
        long max = limits.maxReadBytes();
        if (blob.length > max) {
            throw new CodecException("stored blob of " + blob.length + " bytes is larger than this library writes ("
                    + max + " bytes, Library.Builder.maxStateBytes/maxOutputBytes)", null);
        }
        MessagePackValidator.validate(blob);
    }

    /** Decodes MessagePack into the given class. */
    public <T> T decode(byte[] blob, Class<T> type) {
        if (blob == null) {
            throw new CodecException("missing data for " + type.getName(), null);
        }
        checkStored(blob);
        Object own = EngineRecords.decode(blob, type);
        if (own != EngineRecords.NOT_HANDLED) {
            return type.cast(own);
        }
        return jackson().read(blob, type);
    }

    /** Decodes MessagePack into a full (generic) type, such as a step's {@code TypeRef}. */
    public Object decode(byte[] blob, java.lang.reflect.Type type) {
        if (type instanceof Class<?> c) {
            return decode(blob, c);
        }
        if (blob == null) {
            throw new CodecException("missing data for " + type.getTypeName(), null);
        }
        checkStored(blob);
        return jackson().read(blob, type);
    }

    /** Decodes a stored MessagePack map into a tree (for migrations). */
    public com.fasterxml.jackson.databind.node.ObjectNode decodeTree(byte[] blob) {
        if (blob == null) {
            throw new CodecException("missing stored state", null);
        }
        checkStored(blob);
        return jackson().readTree(blob);
    }

    /** Converts a (migrated) tree into an object of the given class. */
    public <T> T fromTree(com.fasterxml.jackson.databind.JsonNode tree, Class<T> type) {
        return jackson().fromTree(tree, type);
    }

    /** Decodes MessagePack into a JSON text (for display and the console's {@code --json}). */
    public String toJson(byte[] blob) {
        if (blob == null) {
            return null;
        }
        checkStored(blob);
        return jackson().toJson(blob);
    }

    /**
     * Parses dispatch arguments given as JSON into a new instance of the job class. Unknown fields are
     * rejected so that a typo in an argument name is an error rather than a silently ignored value.
     */
    public <T> T fromArgumentsJson(String json, Class<T> type) {
        String text = json == null || json.isBlank() ? "{}" : json;
        return jackson().fromArgumentsJson(text, type);
    }

    /** Encodes any value as JSON text. */
    public String toJsonText(Object value) {
        return jackson().toJsonText(value);
    }
}
