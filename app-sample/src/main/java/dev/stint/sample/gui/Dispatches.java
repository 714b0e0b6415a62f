package dev.stint.sample.gui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.Library;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dispatches demo jobs and remembers, per job id, which demo job and arguments it was, in
 * {@code stint-gui.json} in the library folder, so that a failed or cancelled job can be retried with the
 * same arguments, even after a restart. (Stint's public API does not return a job's arguments.) Shared by the
 * JavaFX and the Swing window; loads no UI toolkit.
 */
public final class Dispatches {
    static final String FILE = "stint-gui.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEEP = 1000;

    /** One dispatch: the demo job and its JSON arguments. */
    record Dispatch(DemoJob demo, String json) {
    }

    private final Library library;
    private final Path file;
    private final LinkedHashMap<String, Dispatch> byId = new LinkedHashMap<>();

    /** The dispatches remembered in {@code library}'s folder. */
    public Dispatches(Library library) {
        this.library = library;
        this.file = library.dir().resolve(FILE);
        load();
    }

    /** Dispatches a demo job with these arguments and remembers it; returns its id. Any thread. */
    public String dispatch(DemoJob demo, String json) {
        JobHandle<Object> handle = library.dispatch(demo.jobName(), json, demo.options());
        remember(handle.id(), new Dispatch(demo, json));
        return handle.id();
    }

    /**
     * Dispatches a finished job again with the arguments it was dispatched with.
     *
     * @throws IllegalStateException if this app did not dispatch it (for example the console did)
     */
    public String retry(JobInfo job) {
        Dispatch d;
        synchronized (this) {
            d = byId.get(job.id());
        }
        if (d == null) {
            throw new IllegalStateException("cannot retry " + job.name() + ": it was not dispatched from this window,"
                    + " so its arguments are unknown");
        }
        return dispatch(d.demo(), d.json());
    }

    private synchronized void remember(String id, Dispatch d) {
        byId.put(id, d);
        Iterator<String> oldest = byId.keySet().iterator();
        while (byId.size() > KEEP) {
            oldest.next();
            oldest.remove();
        }
        save();
    }

    private void load() {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(file.toFile());
            for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> e : root.properties()) {
                try {
                    DemoJob demo = DemoJob.valueOf(e.getValue().path("demo").asText());
                    byId.put(e.getKey(), new Dispatch(demo, e.getValue().path("json").asText()));
                } catch (IllegalArgumentException unknown) {
                    // a demo job this version does not have: it cannot be retried
                }
            }
        } catch (IOException | ClassCastException e) {
            System.err.println("stint: ignoring unreadable " + file + ": " + e.getMessage());
        }
    }

    private void save() {
        ObjectNode root = JSON.createObjectNode();
        byId.forEach((id, d) -> root.putObject(id).put("demo", d.demo().name()).put("json", d.json()));
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("stint: could not save " + file + ": " + e.getMessage());
        }
    }
}
