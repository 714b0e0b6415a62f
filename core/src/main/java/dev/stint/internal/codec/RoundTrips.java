package dev.stint.internal.codec;

import dev.stint.StateRoundTripException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Turns a failed round trip of a job's data into a {@link StateRoundTripException} that names the step or
 * field, its declared type, what the job held and what a resume would give it back, with what to change.
 */
final class RoundTrips {
    private RoundTrips() {
    }

    /**
     * Decodes {@code blob} (the encoding of {@code value}) as {@code declaredType} and throws if that is not
     * {@code value} again.
     *
     * @param where the data's name ({@code step 'NAME'}, {@code intermediate results}), or null for a job's
     *     state, whose differing field is then named
     */
    static void check(JacksonMappers jackson, Object value, byte[] blob, Type declaredType, String jobId,
            String jobName, String where) {
        boolean state = where == null;
        Object back;
        try {
            back = jackson.read(blob, declaredType);
        } catch (CodecException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StateRoundTripException(jobId, jobName, state ? "the state" : where, "",
                    declaredType.getTypeName(), RoundTripCheck.describe(value),
                    "a decoding error (" + firstLine(cause.getMessage()) + ")",
                    "Give each stored class a no-argument or @JsonCreator constructor, declare fields with concrete"
                            + " types, and mark fields that are not state transient", e);
        }
        RoundTripCheck.Difference d = jackson.roundTrip().compare(value, back, state);
        if (d == null) {
            return;
        }
        if (state) {
            String field = topField(d.path());
            throw new StateRoundTripException(jobId, jobName, "field '" + field + "'", d.path(),
                    d.declaredType() != null ? d.declaredType() : declaredType.getTypeName(), d.stored(), d.cameBack(),
                    "Give the field a type that says what it holds (such as List<Path>, not List<Object> or a raw"
                            + " List), or make it transient if it is not state", null);
        }
        throw new StateRoundTripException(jobId, jobName, where, d.path(), declaredType.getTypeName(), d.stored(),
                d.cameBack(), adviceFor(where, declaredType), null);
    }

    private static String adviceFor(String where, Type declaredType) {
        if (where.startsWith("step")) {
            if (declaredType instanceof Class<?> c && c.getTypeParameters().length > 0) {
                return "The class literal " + c.getSimpleName() + ".class does not say what the " + c.getSimpleName()
                        + " holds: declare the step's full type, e.g. ctx.step(name, new TypeRef<"
                        + c.getSimpleName() + "<...>>() {}, body)";
            }
            if (declaredType instanceof ParameterizedType) {
                return "Declare the step with the exact type of what it returns";
            }
            return "Declare the step with the exact type of what it returns (a TypeRef for a generic type)";
        }
        return "Intermediate results hold plain data (strings, numbers, booleans, lists and maps of them): store a"
                + " path or a time as its text";
    }

    private static String topField(String path) {
        int end = path.length();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[' || c == '{') {
                end = i;
                break;
            }
        }
        return path.substring(0, end);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "no message";
        }
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
