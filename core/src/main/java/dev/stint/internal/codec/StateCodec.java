package dev.stint.internal.codec;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.stint.Job;
import dev.stint.JobDataTooLargeException;
import dev.stint.JobDataTooLargeException.Kind;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.msgpack.jackson.dataformat.MessagePackFactory;

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
 */
public final class StateCodec {
    private final ObjectMapper msgpack;
    private final ObjectMapper storedJson;
    private final ObjectMapper argumentsJson;
    private volatile BlobLimits limits = BlobLimits.DEFAULTS;

    /** Creates the codec. */
    public StateCodec() {
        this.msgpack = configure(new ObjectMapper(new MessagePackFactory()));
        this.msgpack.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.storedJson = configure(JsonMapper.builder().build());
        this.storedJson.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.argumentsJson = configure(JsonMapper.builder().build());
        this.argumentsJson.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        this.argumentsJson.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        mapper.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);
        mapper.registerModule(TIME);
        return mapper;
    }

    /**
     * {@link Instant} and {@link Duration} as their ISO-8601 text, exact to the nanosecond: a job may keep
     * them (and the records that hold them, such as {@code ErrorRecord} and {@code ChildResult}) in its state.
     */
    private static final SimpleModule TIME = new SimpleModule("stint-java-time")
            .addSerializer(Instant.class, ToStringSerializer.instance)
            .addSerializer(Duration.class, ToStringSerializer.instance)
            .addDeserializer(Instant.class, new FromStringDeserializer<>(Instant.class) {
                @Override
                protected Instant _deserialize(String value, DeserializationContext ctxt) {
                    return Instant.parse(value);
                }
            })
            .addDeserializer(Duration.class, new FromStringDeserializer<>(Duration.class) {
                @Override
                protected Duration _deserialize(String value, DeserializationContext ctxt) {
                    return Duration.parse(value);
                }
            });

    /** Sets the library's limits; called once when the library opens, before anything is encoded. */
    public void useLimits(BlobLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
    }

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
        if (value instanceof Job<?> || value instanceof JsonNode) {
            return Kind.STATE;
        }
        if (value instanceof ProgressRecord || value instanceof StoredError || value instanceof StoredError[]
                || value instanceof String[]) {
            return null;
        }
        return Kind.OUTPUT;
    }

    private byte[] encodeUnbounded(Object value) {
        try {
            return msgpack.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot encode " + value.getClass().getName() + ": " + e.getOriginalMessage(), e);
        }
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
        try {
            return msgpack.readValue(blob, type);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a stored MessagePack map into a tree (for migrations). */
    public com.fasterxml.jackson.databind.node.ObjectNode decodeTree(byte[] blob) {
        if (blob == null) {
            throw new CodecException("missing stored state", null);
        }
        checkStored(blob);
        try {
            JsonNode tree = msgpack.readTree(blob);
            if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                return object;
            }
            throw new CodecException("stored state is not a map of fields but " + (tree == null ? "empty" : tree.getNodeType()), null);
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot decode stored state as a tree: " + e.getMessage(), e);
        }
    }

    /** Converts a (migrated) tree into an object of the given class. */
    public <T> T fromTree(JsonNode tree, Class<T> type) {
        try {
            return msgpack.treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new CodecException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes MessagePack into a JSON text (for display and the console's {@code --json}). */
    public String toJson(byte[] blob) {
        if (blob == null) {
            return null;
        }
        checkStored(blob);
        try {
            JsonNode tree = msgpack.readTree(blob);
            return storedJson.writeValueAsString(tree);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot decode blob as a tree: " + e.getMessage(), e);
        }
    }

    /**
     * Parses dispatch arguments given as JSON into a new instance of the job class. Unknown fields are
     * rejected so that a typo in an argument name is an error rather than a silently ignored value.
     */
    public <T> T fromArgumentsJson(String json, Class<T> type) {
        String text = json == null || json.isBlank() ? "{}" : json;
        try {
            T value = argumentsJson.readValue(text, type);
            if (value == null) {
                throw new CodecException("arguments must be a JSON object, not null", null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new CodecException(e.getOriginalMessage(), e);
        }
    }

    /** Encodes any value as JSON text. */
    public String toJsonText(Object value) {
        try {
            return storedJson.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot encode as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
