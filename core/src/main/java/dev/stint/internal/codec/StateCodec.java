package dev.stint.internal.codec;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * Encodes job state and outputs as MessagePack maps with named fields, and dispatch arguments from JSON.
 *
 * <p>Stored blobs are untrusted: the target class always comes from the compiled registry, polymorphic
 * default typing is never enabled, and unknown fields in stored state are ignored (so adding or removing
 * a field does not break stored jobs).
 */
public final class StateCodec {

    private final ObjectMapper msgpack;
    private final ObjectMapper storedJson;
    private final ObjectMapper argumentsJson;

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
        return mapper;
    }

    /** Encodes a value (job state, output, record) as MessagePack. */
    public byte[] encode(Object value) {
        try {
            return msgpack.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot encode " + value.getClass().getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Decodes MessagePack into the given class. */
    public <T> T decode(byte[] blob, Class<T> type) {
        if (blob == null) {
            throw new CodecException("missing data for " + type.getName(), null);
        }
        try {
            return msgpack.readValue(blob, type);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a stored MessagePack map into a tree (for migrations). */
    public com.fasterxml.jackson.databind.node.ObjectNode decodeTree(byte[] blob) {
        try {
            JsonNode tree = msgpack.readTree(blob);
            if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
                return object;
            }
            throw new CodecException("stored state is not a map of fields but " + (tree == null ? "empty" : tree.getNodeType()), null);
        } catch (IOException e) {
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
