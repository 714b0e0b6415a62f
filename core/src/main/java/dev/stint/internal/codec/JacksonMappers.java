package dev.stint.internal.codec;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * {@link StateCodec}'s Jackson side: the mappers for job state, outputs and dispatch arguments (the job
 * author's types), made when a codec first needs one, so that a library that has only run jobs without state
 * never loads Jackson's databind. Every Jackson type stays in this class and in {@link RoundTripCheck} (which
 * walks values through Jackson's own property writers); failures leave them as {@link CodecException}.
 */
final class JacksonMappers {
    private final ObjectMapper msgpack;
    private final ObjectMapper storedJson;
    private final ObjectMapper argumentsJson;

    JacksonMappers() {
        this.msgpack = configure(new ObjectMapper(new MessagePackFactory()));
        this.msgpack.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.storedJson = configure(JsonMapper.builder().build());
        this.storedJson.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.argumentsJson = configure(JsonMapper.builder().build());
        this.argumentsJson.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        this.argumentsJson.configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);
    }

    /** A MessagePack mapper with the codec's settings (fields of any visibility, nothing else; ISO time). */
    static ObjectMapper newMessagePackMapper() {
        ObjectMapper mapper = configure(new ObjectMapper(new MessagePackFactory()));
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return mapper;
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY);
        mapper.configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false);
        mapper.configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);
        mapper.registerModule(time());
        mapper.registerModule(paths());
        return mapper;
    }

    /**
     * A {@link Path} of the default file system as its text, as it was given: Jackson's own form, a
     * {@code file:} URI, made a relative path absolute (against the working folder of the process that stored
     * it), so a job that kept {@code photos/a.jpg} got {@code /home/me/photos/a.jpg} back after a resume. Read
     * back from either form (blobs written before hold URIs); a path of another file system (a zip file's)
     * keeps its URI, which names that file system.
     */
    private static SimpleModule paths() {
        return new SimpleModule("stint-paths")
                .addSerializer(Path.class, new StdSerializer<>(Path.class) {
                    @Override
                    public void serialize(Path value, JsonGenerator gen, SerializerProvider provider)
                            throws IOException {
                        gen.writeString(value.getFileSystem() == FileSystems.getDefault() ? value.toString()
                                : value.toUri().toString());
                    }
                })
                .addDeserializer(Path.class, new FromStringDeserializer<>(Path.class) {
                    @Override
                    protected Path _deserialize(String value, DeserializationContext ctxt) {
                        return path(value);
                    }
                })
                // a map keyed by paths: Jackson writes a key with toString()
                .addKeyDeserializer(Path.class, new KeyDeserializer() {
                    @Override
                    public Object deserializeKey(String key, DeserializationContext ctxt) {
                        return path(key);
                    }
                });
    }

    private static Path path(String text) {
        int colon = text.indexOf(':');
        boolean uri = colon > 1 && text.regionMatches(colon, "://", 0, 3) || text.startsWith("file:");
        return uri ? Path.of(URI.create(text)) : Path.of(text);
    }

    /**
     * {@link Instant} and {@link Duration} as their ISO-8601 text, exact to the nanosecond: a job may keep
     * them (and the records that hold them, such as {@code ErrorRecord} and {@code ChildResult}) in its state.
     */
    private static SimpleModule time() {
        return new SimpleModule("stint-java-time")
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
    }

    byte[] write(Object value) {
        try {
            return msgpack.writeValueAsBytes(value);
        } catch (JsonProcessingException | RuntimeException e) {
            notOpen(e, value.getClass());
            String problem = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new CodecException("cannot encode " + value.getClass().getName() + ": " + problem, e);
        }
    }

    /** Decodes into a full (generic) type. */
    Object read(byte[] blob, java.lang.reflect.Type type) {
        try {
            return msgpack.readValue(blob, msgpack.getTypeFactory().constructType(type));
        } catch (IOException | RuntimeException e) {
            notOpen(e, null);
            throw new CodecException("cannot decode " + type.getTypeName() + ": " + e.getMessage(), e);
        }
    }

    /** The comparison of a value with its decoded copy, made on first use. */
    RoundTripCheck roundTrip() {
        RoundTripCheck check = roundTrip;
        if (check == null) {
            check = new RoundTripCheck(msgpack);
            roundTrip = check;
        }
        return check;
    }

    private volatile RoundTripCheck roundTrip;

    <T> T read(byte[] blob, Class<T> type) {
        try {
            return msgpack.readValue(blob, type);
        } catch (IOException | RuntimeException e) {
            notOpen(e, type);
            throw new CodecException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    ObjectNode readTree(byte[] blob) {
        try {
            JsonNode tree = msgpack.readTree(blob);
            if (tree instanceof ObjectNode object) {
                return object;
            }
            throw new CodecException("stored state is not a map of fields but " + (tree == null ? "empty" : tree.getNodeType()), null);
        } catch (CodecException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot decode stored state as a tree: " + e.getMessage(), e);
        }
    }

    <T> T fromTree(JsonNode tree, Class<T> type) {
        try {
            return msgpack.treeToValue(tree, type);
        } catch (IOException | IllegalArgumentException e) {
            notOpen(e, type);
            throw new CodecException("cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    String toJson(byte[] blob) {
        try {
            JsonNode tree = msgpack.readTree(blob);
            return storedJson.writeValueAsString(tree);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot decode blob as a tree: " + e.getMessage(), e);
        }
    }

    <T> T fromArgumentsJson(String text, Class<T> type) {
        try {
            T value = argumentsJson.readValue(text, type);
            if (value == null) {
                throw new CodecException("arguments must be a JSON object, not null", null);
            }
            return value;
        } catch (JsonProcessingException e) {
            notOpen(e, type);
            throw new CodecException(e.getOriginalMessage(), e);
        }
    }

    /** Throws the {@link dev.stint.PackageNotOpenException} that {@code failure} comes from, if it does. */
    private static void notOpen(Exception failure, Class<?> type) {
        dev.stint.PackageNotOpenException e = ModuleOpens.diagnose(failure, type);
        if (e != null) {
            throw e;
        }
    }

    String toJsonText(Object value) {
        try {
            return storedJson.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot encode as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
