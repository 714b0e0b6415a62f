package dev.stint.internal.log;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each job's log lines, one UTF-8 file per job ({@code <logDir>/<jobId>.log}), capped in size.
 *
 * <p>An entry is one line, {@code 2026-11-23T04:33:10.123Z INFO message}; a message's further lines are
 * indented by two spaces, so every entry starts with its timestamp. When the next entry would leave no room
 * under the cap for the notice {@code <time> WARN log truncated at N bytes}, that notice is written instead
 * and every later entry is dropped, so a file never grows past the cap (a file truncated by an earlier run is
 * recognised by its last line and stays truncated).
 *
 * <p>Thread-safe: entries of one job are written under that job's lock (a {@link ReentrantLock}, so a virtual
 * thread waiting for it does not pin its carrier), and different jobs never wait for each other. Each entry
 * opens, appends to and closes the file; the write is not interruptible, so a job being cancelled can still
 * log. Writing never throws into the job: an I/O failure is logged as a warning once per job and the entry is
 * dropped. Only the default file system is supported.
 */
public final class JobLogFiles {
    private static final Logger LOG = LoggerFactory.getLogger(JobLogFiles.class);

    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final int MAX_ID_LENGTH = 200;
    /** Names Windows maps to devices whatever follows the first dot; {@code nul.log} would swallow a log. */
    private static final Set<String> WINDOWS_DEVICES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Pattern NOTICE_AT_END = Pattern.compile("(?s).* WARN log truncated at [0-9]+ bytes\n");
    private static final int NOTICE_TAIL_BYTES = 128;

    private final Path logDir;
    private final long maxBytesPerJob;
    private final ConcurrentHashMap<String, JobLog> jobs = new ConcurrentHashMap<>();

    /** One job's lock and what is known about its file; fields are guarded by {@code lock}. */
    private static final class JobLog {
        final ReentrantLock lock = new ReentrantLock();
        /** Set by {@link #delete} once the entry has left the map: take a fresh one. */
        boolean retired;
        /** Null until the file has been looked at (it may be truncated by an earlier run). */
        Boolean truncated;
        boolean warned;
    }

    /**
     * Creates the log files of one library; the folder is created on the first entry.
     *
     * @param logDir the folder holding the {@code .log} files
     * @param maxBytesPerJob the most bytes one job's file may hold, truncation notice included
     * @throws IllegalArgumentException if {@code maxBytesPerJob} is not positive
     */
    public JobLogFiles(Path logDir, long maxBytesPerJob) {
        this.logDir = Objects.requireNonNull(logDir, "logDir");
        if (maxBytesPerJob <= 0) {
            throw new IllegalArgumentException("maxBytesPerJob must be positive, was " + maxBytesPerJob);
        }
        this.maxBytesPerJob = maxBytesPerJob;
    }

    /**
     * Appends one entry to a job's log, creating the folder and file as needed. Never throws because of I/O:
     * a failure is logged once per job and the entry dropped. Entries past the cap are dropped silently.
     *
     * @param jobId the job; see {@link #file} for the ids accepted
     * @param at when the entry was logged, written in UTC with milliseconds
     * @param level the level, such as {@code INFO} or {@code WARN}
     * @param message the message; may span several lines, and {@code null} is written as {@code null}
     * @throws IllegalArgumentException if {@code jobId} is not a valid job id (a programming error)
     */
    public void append(String jobId, Instant at, String level, String message) {
        Path file = path(jobId);
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(level, "level");
        byte[] entry = format(at, level, message);
        byte[] notice = format(at, "WARN", "log truncated at " + maxBytesPerJob + " bytes");
        withLock(jobId, log -> {
            try {
                if (log.truncated == null) {
                    log.truncated = endsWithNotice(file);
                }
                if (log.truncated) {
                    return;
                }
                Files.createDirectories(logDir);
                long size = sizeOrZero(file);
                if (size + entry.length + notice.length <= maxBytesPerJob) {
                    write(file, entry);
                } else {
                    log.truncated = true;
                    if (size + notice.length <= maxBytesPerJob) {
                        write(file, notice);
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                if (!log.warned) {
                    log.warned = true;
                    LOG.warn("cannot write the log of job {} to {}, dropping its entries until it works: {}",
                            jobId, file, e.toString());
                }
            }
        });
    }

    /**
     * Deletes a job's log file, if any. An I/O failure is logged as a warning, not thrown.
     *
     * @param jobId the job
     * @throws IllegalArgumentException if {@code jobId} is not a valid job id
     */
    public void delete(String jobId) {
        Path file = path(jobId);
        withLock(jobId, log -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("cannot delete the log of job {} at {}: {}", jobId, file, e.toString());
            } finally {
                log.retired = true;
                jobs.remove(jobId, log);
            }
        });
    }

    /**
     * Returns a job's log file if it exists. Job ids are made of ASCII letters, digits, {@code -}, {@code _}
     * and {@code .}, do not start with a dot, have at most 200 characters and are not Windows device names,
     * so the file is always directly inside the log folder.
     *
     * @param jobId the job
     * @return the file, or empty if the job has logged nothing (or its log was deleted)
     * @throws IllegalArgumentException if {@code jobId} is not a valid job id
     */
    public Optional<Path> file(String jobId) {
        Path file = path(jobId);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Returns the size of a job's log file in bytes, never more than the cap for files this class wrote.
     *
     * @param jobId the job
     * @return the size, or 0 if there is no file
     * @throws IllegalArgumentException if {@code jobId} is not a valid job id
     * @throws UncheckedIOException if the file exists but its size cannot be read
     */
    public long size(String jobId) {
        try {
            return sizeOrZero(path(jobId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of the log of job " + jobId, e);
        }
    }

    private void withLock(String jobId, Consumer<JobLog> action) {
        while (true) {
            JobLog log = jobs.computeIfAbsent(jobId, id -> new JobLog());
            log.lock.lock();
            try {
                if (!log.retired) {
                    action.accept(log);
                    return;
                }
            } finally {
                log.lock.unlock();
            }
        }
    }

    private Path path(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        if (jobId.length() > MAX_ID_LENGTH || !VALID_ID.matcher(jobId).matches()) {
            throw new IllegalArgumentException("job id '" + jobId + "' cannot name a log file: expected 1-"
                    + MAX_ID_LENGTH + " of A-Z a-z 0-9 - _ . and no leading dot");
        }
        int dot = jobId.indexOf('.');
        String stem = dot < 0 ? jobId : jobId.substring(0, dot);
        if (WINDOWS_DEVICES.contains(stem.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("job id '" + jobId + "' cannot name a log file: "
                    + stem + " is a device name on Windows");
        }
        return logDir.resolve(jobId + ".log");
    }

    private static byte[] format(Instant at, String level, String message) {
        String text = String.valueOf(message).replace("\r\n", "\n").replace('\r', '\n');
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\n') {
            end--;
        }
        text = text.substring(0, end).replace("\n", "\n  ");
        String cleanLevel = level.strip().replace('\r', ' ').replace('\n', ' ');
        return (TIMESTAMP.format(at) + " " + cleanLevel + " " + text + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Appends with java.io, which, unlike a FileChannel, is not closed by the writer's interrupt. */
    private static void write(Path file, byte[] bytes) throws IOException {
        try (OutputStream out = new FileOutputStream(file.toFile(), true)) {
            out.write(bytes);
        }
    }

    private static long sizeOrZero(Path file) throws IOException {
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    /** Reads the file's tail with java.io, for the same reason as {@link #write}. */
    private static boolean endsWithNotice(Path file) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long size = in.length();
            byte[] tail = new byte[(int) Math.min(size, NOTICE_TAIL_BYTES)];
            in.seek(size - tail.length);
            in.readFully(tail);
            return NOTICE_AT_END.matcher(new String(tail, StandardCharsets.UTF_8)).matches();
        } catch (FileNotFoundException e) {
            return false;
        }
    }
}
