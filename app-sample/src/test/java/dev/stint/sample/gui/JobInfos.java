package dev.stint.sample.gui;

import dev.stint.JobInfo;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link JobInfo} records for tests by component name, with neutral defaults for the rest, so that
 * tests keep compiling as core adds fields to the record.
 */
final class JobInfos {

    private JobInfos() {
    }

    /** A record with the given components (by name) and defaults: null, 0, false or an empty list. */
    static JobInfo of(Map<String, Object> values) {
        RecordComponent[] components = JobInfo.class.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            if (values.containsKey(c.getName())) {
                args[i] = values.get(c.getName());
            } else if (c.getType() == int.class) {
                args[i] = 0;
            } else if (c.getType() == long.class) {
                args[i] = 0L;
            } else if (c.getType() == boolean.class) {
                args[i] = false;
            } else if (c.getType() == List.class) {
                args[i] = List.of();
            } else if (c.getName().equals("maxAttempts")) {
                args[i] = 1;
            }
        }
        try {
            Constructor<JobInfo> canonical = JobInfo.class.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build a JobInfo from " + values, e);
        }
    }
}
