package dev.stint.testkit;

import dev.stint.JobInfo;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link JobInfo} snapshots for tests of code that displays jobs (a UI row, a status line), by
 * component name, with neutral defaults for the rest: null, 0, false, an empty list, and 1 for
 * {@code maxAttempts} and {@code weight}. Tests written with it keep compiling as {@code JobInfo} gains components.
 */
public final class JobInfos {

    private JobInfos() {
    }

    /**
     * A snapshot with the given components.
     *
     * @throws IllegalArgumentException if a name is not a component of {@link JobInfo}
     */
    public static JobInfo of(Map<String, Object> values) {
        RecordComponent[] components = JobInfo.class.getRecordComponents();
        List<String> names = java.util.Arrays.stream(components).map(RecordComponent::getName).toList();
        for (String name : values.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("JobInfo has no component '" + name + "'; it has " + names);
            }
        }
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            args[i] = values.containsKey(c.getName()) ? values.get(c.getName()) : defaultFor(c);
        }
        try {
            Constructor<JobInfo> canonical = JobInfo.class.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot build a JobInfo from " + values + ": " + e, e);
        }
    }

    private static Object defaultFor(RecordComponent c) {
        if (c.getName().equals("maxAttempts")) {
            return 1;
        }
        if (c.getName().equals("weight")) {
            return 1.0;
        }
        if (c.getType() == double.class) {
            return 0.0;
        }
        if (c.getType() == int.class) {
            return 0;
        }
        if (c.getType() == long.class) {
            return 0L;
        }
        if (c.getType() == boolean.class) {
            return false;
        }
        if (c.getType() == List.class) {
            return List.of();
        }
        return null;
    }
}
