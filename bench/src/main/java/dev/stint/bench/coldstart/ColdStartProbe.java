package dev.stint.bench.coldstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobHandle;
import dev.stint.JobType;
import dev.stint.Library;
import dev.stint.spi.JobCatalog;
import dev.stint.spi.JobDescriptor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.sqlite.SQLiteConfig;

/**
 * One cold-start sample, run in a fresh JVM by {@link ColdStartBenchmark}: does one thing (a floor, or open
 * a library and run its first job) and prints one line of {@code key=value} figures on standard output.
 *
 * <p>Every time is in milliseconds since the JVM started ({@code RuntimeMXBean.getStartTime()}, which the JVM
 * records as it is created, before any class of the application loads). Times are taken with
 * {@link System#nanoTime()} and put on that clock through one {@link System#currentTimeMillis()} reading at
 * the start of {@code main}; the management bean is read only after the measured work.
 *
 * <pre>
 * ColdStartProbe MODE DIR [FIRST-JOB-ID]
 *   MODE  sqlite | sqlite-cached | jackson | msgpack | stint
 *   DIR   a folder of its own (the library folder for stint)
 * </pre>
 */
public final class ColdStartProbe {
    /** The prefix of the result line. */
    static final String RESULT = "coldstart-result";

    private static final long MAIN_MILLIS = System.currentTimeMillis();
    private static final long MAIN_NANOS = System.nanoTime();

    private static final CountDownLatch STARTED = new CountDownLatch(1);
    private static volatile long startedNanos;

    private ColdStartProbe() {
    }

    /** Runs one sample; exits with 0 after printing its line, 1 on failure. */
    public static void main(String[] args) throws Exception {
        Map<String, String> figures = new LinkedHashMap<>();
        long mainNanos = MAIN_NANOS;
        try {
            String mode = args[0];
            Path dir = Path.of(args[1]);
            switch (mode) {
                case "sqlite" -> sqlite(dir, figures, false);
                case "sqlite-cached" -> sqlite(dir, figures, true);
                case "jackson" -> JacksonFloor.run(figures);
                case "msgpack" -> msgpack(figures);
                case "stint" -> stint(dir, args.length > 2 ? args[2] : null, figures);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
            long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
            long offset = MAIN_MILLIS - jvmStart; // ms from JVM start to the first reading in main
            Map<String, String> out = new LinkedHashMap<>();
            out.put("main", Long.toString(offset));
            for (Map.Entry<String, String> e : figures.entrySet()) {
                if (e.getKey().startsWith("t.")) {
                    double ms = offset + (Long.parseLong(e.getValue()) - mainNanos) / 1e6;
                    out.put(e.getKey().substring(2), String.format(Locale.ROOT, "%.1f", ms));
                } else {
                    out.put(e.getKey(), e.getValue());
                }
            }
            StringBuilder line = new StringBuilder(RESULT);
            out.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
            System.out.println(line);
            System.out.flush();
            Runtime.getRuntime().halt(0); // no shutdown work counted, nothing left to clean (a copied folder)
        } catch (Throwable t) {
            t.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    /** The floor: load sqlite-jdbc and open a first WAL connection. */
    private static void sqlite(Path dir, Map<String, String> figures, boolean cached) throws Exception {
        if (cached) {
            // Stint's native-library cache, called as Stint calls it before its first connection (by name, so
            // this probe also runs against a core that predates it: then the row is the driver's default)
            try {
                Class.forName("dev.stint.internal.store.SqliteNativeLibrary").getMethod("install").invoke(null);
            } catch (ClassNotFoundException e) {
                figures.put("note", "no-cache-in-this-core");
            }
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        try (Connection c = config.createConnection("jdbc:sqlite:" + dir.resolve("floor.db").toAbsolutePath())) {
            figures.put("t.open", Long.toString(System.nanoTime()));
            after(figures);
        }
    }

    /**
     * The floor of Jackson's MessagePack binding: a first mapper, one encode and one decode. In a class of its own,
     * so that verifying the probe does not load Jackson's classes in the other modes.
     */
    static final class JacksonFloor {
        private JacksonFloor() {
        }

        static void run(Map<String, String> figures) throws IOException {
            ObjectMapper mapper = new ObjectMapper(new MessagePackFactory());
            byte[] blob = mapper.writeValueAsBytes(new Sample("count", 1, 2));
            Sample back = mapper.readValue(blob, Sample.class);
            if (back.done != 1) {
                throw new IllegalStateException("round trip failed");
            }
            figures.put("t.open", Long.toString(System.nanoTime()));
            after(figures);
        }
    }

    /** The floor of msgpack-core alone: one map of three fields packed and unpacked. */
    private static void msgpack(Map<String, String> figures) throws IOException {
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker();
        packer.packMapHeader(3).packString("kind").packString("count").packString("done").packLong(1)
                .packString("total").packLong(2);
        packer.close();
        long done = -1;
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(packer.toByteArray())) {
            int n = unpacker.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                String key = unpacker.unpackString();
                if (key.equals("done")) {
                    done = unpacker.unpackLong();
                } else {
                    unpacker.skipValue();
                }
            }
        }
        if (done != 1) {
            throw new IllegalStateException("round trip failed");
        }
        figures.put("t.open", Long.toString(System.nanoTime()));
        after(figures);
    }

    /**
     * Opens the library in {@code dir} with the default settings, then waits for the first job: the one it
     * dispatches (an empty library) or {@code firstJobId} (a library prepared with queued jobs).
     */
    private static void stint(Path dir, String firstJobId, Map<String, String> figures) throws Exception {
        Library library = Library.builder(dir).catalog(new Catalog()).open();
        figures.put("t.open", Long.toString(System.nanoTime()));
        after(figures);
        JobHandle<?> handle = firstJobId == null ? library.dispatch(new ColdNoopJob())
                : library.handle(firstJobId).orElseThrow(() -> new IllegalStateException("no job " + firstJobId));
        if (!STARTED.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no job started in 60 s");
        }
        handle.result().get(60, TimeUnit.SECONDS);
        long done = System.nanoTime();
        figures.put("t.started", Long.toString(startedNanos));
        figures.put("t.completed", Long.toString(done));
    }

    /** Resident memory and live threads, right after the measured step. */
    private static void after(Map<String, String> figures) {
        figures.put("rssKiB", Long.toString(residentKiB()));
        figures.put("threads", Integer.toString(Thread.activeCount()));
    }

    /** VmRSS from /proc/self/status, in KiB; -1 where there is no /proc. */
    static long residentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    /**
     * The probe's job catalog, written as the registry processor writes one (an app's catalog is generated:
     * no reflection over annotations at run time, unlike {@link JobCatalog#of}).
     */
    public static final class Catalog implements JobCatalog {
        @Override
        public List<JobDescriptor> jobs() {
            return List.of(new JobDescriptor("coldstart.noop", 1, true, ColdNoopJob.class, Void.class));
        }
    }

    /** A record for the Jackson floor. */
    static final class Sample {
        public String kind;
        public long done;
        public long total;

        public Sample() {
        }

        Sample(String kind, long done, long total) {
            this.kind = kind;
            this.done = done;
            this.total = total;
        }
    }

    /** A job with no state that records when it started; the cold start's first job. */
    @JobType(name = "coldstart.noop")
    public static final class ColdNoopJob implements Job<Void> {
        /** For the engine. */
        public ColdNoopJob() {
        }

        @Override
        public Void run(JobContext ctx) {
            if (STARTED.getCount() > 0) {
                startedNanos = System.nanoTime();
                STARTED.countDown();
            }
            return null;
        }
    }
}
