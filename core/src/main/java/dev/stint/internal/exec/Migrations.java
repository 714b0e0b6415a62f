package dev.stint.internal.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.IncompatibleJobVersionException;
import dev.stint.Job;
import dev.stint.JobStateDecodeException;
import dev.stint.MigratesFrom;
import dev.stint.internal.codec.CodecException;
import dev.stint.internal.codec.StateCodec;
import dev.stint.internal.store.JobRow;
import dev.stint.internal.store.ActiveJobs;
import dev.stint.spi.JobDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Brings a job stored with an older state version to its class's version, through the class's
 * {@link MigratesFrom} methods applied one version at a time to the decoded tree of the stored state. The
 * migrated state (and checkpoint) is written back with the new version before the job runs, so it is
 * migrated once.
 */
final class Migrations {
    private static final Map<Class<?>, Map<Integer, Method>> CACHE = new ConcurrentHashMap<>();

    private Migrations() {
    }

    static Job<?> load(StateCodec codec, JobsDb db, long now, JobRow row, JobDescriptor d, boolean fromCheckpoint) {
        Map<Integer, Method> chain = chain(d.jobClass());
        if (row.version() > d.version()) {
            throw new IncompatibleJobVersionException(row.id(), row.name(), row.version(), d.version());
        }
        for (int v = row.version(); v < d.version(); v++) {
            if (!chain.containsKey(v)) {
                throw new IncompatibleJobVersionException(row.id(), row.name(), row.version(), d.version());
            }
        }
        byte[] state;
        byte[] checkpoint;
        try {
            state = migrate(codec, row.state(), row.version(), d.version(), chain);
            checkpoint = row.checkpoint() == null ? null
                    : migrate(codec, row.checkpoint(), row.version(), d.version(), chain);
        } catch (CodecException e) {
            throw new JobStateDecodeException(row.id(), row.name(), "state of version " + row.version(), e);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException ite && ite.getCause() != null ? ite.getCause() : e;
            throw new JobStateDecodeException(row.id(), row.name(),
                    "state (migration from version " + row.version() + " failed: " + cause + ")", null);
        }
        db.write(s -> {
            ActiveJobs.storeMigrated(s, row.id(), d.version(), state, checkpoint, now);
            return null;
        });
        byte[] blob = fromCheckpoint && checkpoint != null ? checkpoint : state;
        try {
            return codec.decode(blob, d.jobClass());
        } catch (CodecException e) {
            throw new JobStateDecodeException(row.id(), row.name(), "migrated state", e);
        }
    }

    private static byte[] migrate(StateCodec codec, byte[] blob, int from, int to, Map<Integer, Method> chain)
            throws ReflectiveOperationException {
        ObjectNode tree = codec.decodeTree(blob);
        for (int v = from; v < to; v++) {
            Object next = chain.get(v).invoke(null, tree);
            if (!(next instanceof ObjectNode migrated)) {
                throw new IllegalStateException("@MigratesFrom(" + v + ") returned " + next + " instead of an ObjectNode");
            }
            tree = migrated;
        }
        return codec.encode(tree);
    }

    /** The class's migrations by the version they start from. */
    static Map<Integer, Method> chain(Class<?> jobClass) {
        return CACHE.computeIfAbsent(jobClass, c -> {
            Map<Integer, Method> found = new TreeMap<>();
            for (Method m : c.getDeclaredMethods()) {
                MigratesFrom from = m.getAnnotation(MigratesFrom.class);
                if (from != null && Modifier.isStatic(m.getModifiers()) && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == ObjectNode.class && m.getReturnType() == ObjectNode.class) {
                    m.setAccessible(true);
                    found.put(from.value(), m);
                }
            }
            return Map.copyOf(found);
        });
    }
}
