package dev.stint.sample.jobs;

import dev.stint.CriticalJobException;
import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code demo.hash}: hashes every regular file under a folder, with byte progress.
 *
 * <p>Arguments: {@code {"folder": PATH, "algorithm": "SHA-256", "checkpointEvery": 10}}. On its first run
 * the job lists the folder's files (recursively, sorted by relative path) into its state, so a resumed
 * job works on the same list. It checkpoints every {@code checkpointEvery} files; a file that cannot be
 * read is recorded as a non-critical error and skipped. Output: file count, bytes hashed and the digests.
 */
@JobType(name = "demo.hash", version = 1)
public class HashJob implements Job<HashResult> {
    private static final int CHUNK = 64 * 1024;

    private String folder;
    private String algorithm = "SHA-256";
    private int checkpointEvery = 10;
    /** Relative paths of the files to hash, null until listed. */
    private List<String> files;
    /** Sizes of {@link #files} when listed, for the progress total. */
    private List<Long> sizes;
    /** Index of the next file to hash. */
    private int next;
    /** Listed bytes of the files before {@link #next} (hashed or skipped). */
    private long bytesDone;
    /** Bytes actually hashed. */
    private long bytesHashed;
    private Map<String, String> digests = new LinkedHashMap<>();

    /** For the engine: state is filled in from arguments or a checkpoint. */
    public HashJob() {
    }

    /** A job hashing {@code folder} with {@code algorithm}. */
    public HashJob(String folder, String algorithm, int checkpointEvery) {
        this.folder = folder;
        this.algorithm = algorithm;
        this.checkpointEvery = checkpointEvery;
    }

    @Override
    public HashResult run(JobContext ctx) throws IOException {
        MessageDigest digest = newDigest();
        Path root = root();
        if (files == null) {
            list(root, ctx);
            ctx.checkpoint();
        }
        long total = sizes.stream().mapToLong(Long::longValue).sum();
        byte[] buffer = new byte[CHUNK];
        while (next < files.size()) {
            ctx.checkInterrupted();
            String relative = files.get(next);
            try {
                String hex = hash(root.resolve(relative), digest, buffer, ctx, total);
                digests.put(relative, hex);
            } catch (IOException e) {
                ctx.reportNonCriticalError("skipped " + relative, e);
            }
            bytesDone += sizes.get(next);
            next++;
            ctx.reportBytes(bytesDone, total);
            if (checkpointEvery > 0 && next % checkpointEvery == 0 && next < files.size()) {
                ctx.checkpoint();
            }
        }
        return new HashResult(digests.size(), bytesHashed, digests);
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new CriticalJobException("unknown digest algorithm '" + algorithm + "'", e);
        }
    }

    private Path root() {
        if (folder == null || folder.isBlank()) {
            throw new CriticalJobException("argument 'folder' is required");
        }
        Path root = Path.of(folder).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new CriticalJobException("not a folder: " + root);
        }
        return root;
    }

    private void list(Path root, JobContext ctx) throws IOException {
        ctx.reportIndeterminate("listing " + root);
        List<Path> found;
        try (Stream<Path> walk = Files.walk(root)) {
            found = walk.filter(Files::isRegularFile).toList();
        }
        List<String> names = new ArrayList<>(found.size());
        for (Path p : found) {
            names.add(relativeName(root, p));
        }
        names.sort(null);
        List<Long> lengths = new ArrayList<>(names.size());
        for (String name : names) {
            long size;
            try {
                size = Files.size(root.resolve(name));
            } catch (IOException e) {
                size = 0;
            }
            lengths.add(size);
        }
        files = names;
        sizes = lengths;
    }

    private static String relativeName(Path root, Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (!name.isEmpty()) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }

    private String hash(Path file, MessageDigest digest, byte[] buffer, JobContext ctx, long total)
            throws IOException {
        digest.reset();
        long inFile = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                digest.update(buffer, 0, n);
                inFile += n;
                ctx.reportBytes(Math.min(total, bytesDone + inFile), total);
                ctx.checkInterrupted();
            }
        }
        bytesHashed += inFile;
        return HexFormat.of().formatHex(digest.digest());
    }
}
