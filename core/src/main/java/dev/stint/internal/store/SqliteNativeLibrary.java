package dev.stint.internal.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * sqlite-jdbc's native library, kept in a per-user cache between launches instead of extracted to a new
 * temporary file on every start (the driver's default, measured at 100–300 ms of a desktop app's cold start).
 *
 * <p>{@link #install()} runs once per JVM, before Stint's first connection: it makes sure the cache folder holds
 * a verified copy of the library the driver's jar carries for this OS and architecture, then points the
 * driver's {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name} properties at it (read by
 * {@code org.sqlite.SQLiteJDBCLoader} when the first connection loads the library; a path that holds the file
 * is loaded with {@code System.load} and nothing is extracted). It does nothing when the application has set
 * either property or {@code org.sqlite.tmpdir} itself or {@code -Dstint.sqliteNativeCache=false}, and it has
 * no effect when the driver has already loaded its library in this JVM; if anything fails (no cache folder, read-only
 * home, a copy that does not verify) it leaves the properties unset, so the driver extracts as it always did.
 * Failures are logged at debug level only.
 *
 * <p>The cache: {@code <user cache>/stint/sqlite-native/<driver version>-<os.name>-<os.arch>/}, where the user
 * cache is {@code $XDG_CACHE_HOME} or {@code ~/.cache} (Linux and other Unixes), {@code ~/Library/Caches}
 * (macOS), {@code %LOCALAPPDATA%} (Windows). It holds the library under its own name and a {@code .sha256} file
 * beside it that records the library's SHA-256, size, CRC-32 and path in the jar. The path is resolved as the
 * driver resolves it ({@code OSInfo}: on Linux a {@code uname -o} process and a walk of
 * {@code /proc/self/map_files}, 20–50 ms of a cold start) only when the copy is written; later launches take it
 * from the checksum file, and the driver, given a path, skips that work too. A copy made for a glibc system in a
 * home folder shared with a musl one fails to load there, and the driver then extracts as it always did.
 *
 * <p>Verification. Writing (the first launch, or after a mismatch): the library is copied from the jar to a
 * temporary file in the cache folder while its SHA-256, CRC-32 and size are computed; the size and CRC-32 must
 * equal those the jar's directory records for the entry, the file is read back and its SHA-256 must equal the
 * resource's; then it is moved into place atomically (so two processes starting at once each write their own
 * temporary file and the last move wins with a good file), and the {@code .sha256} file is written the same
 * way. Every later launch compares the cached file's size and CRC-32 with those the jar records (reading the
 * jar's directory, not inflating the entry) and requires the {@code .sha256} file to record them too: about
 * 1 ms, where hashing the file with SHA-256 in a cold JVM costs about 100 ms. A file that fails is written
 * again. CRC-32 catches a damaged or truncated copy, not a deliberate forgery; anyone who can write to the
 * user's cache folder can change the user's other files and programs too.
 */
public final class SqliteNativeLibrary {
    /** Set to {@code false} to leave the driver's own extraction alone. */
    public static final String ENABLED_PROPERTY = "stint.sqliteNativeCache";
    static final String LIB_PATH = "org.sqlite.lib.path";
    static final String LIB_NAME = "org.sqlite.lib.name";
    static final String TMP_DIR = "org.sqlite.tmpdir";
    static final String CHECKSUM_SUFFIX = ".sha256";

    private static final Logger LOG = LoggerFactory.getLogger(SqliteNativeLibrary.class);
    private static final Object LOCK = new Object();
    private static boolean installed;

    private SqliteNativeLibrary() {
    }

    /**
     * What the jar holds: a library's resource path, the size and CRC-32 its jar directory records, and its
     * bytes.
     */
    record Resource(String path, long size, long crc, Opener opener) {
        String fileName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        /** Opens the resource's bytes. */
        @FunctionalInterface
        interface Opener {
            InputStream open() throws IOException;
        }
    }

    /**
     * Points sqlite-jdbc at the cached copy of its native library (see the class comment); at most once per JVM,
     * never throws.
     */
    public static void install() {
        synchronized (LOCK) {
            if (installed) {
                return;
            }
            installed = true;
            try {
                installNow();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("sqlite native library cache not used: {}", e.toString());
            }
        }
    }

    private static void installNow() {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").trim())) {
            LOG.debug("sqlite native library cache off ({}=false)", ENABLED_PROPERTY);
            return;
        }
        if (System.getProperty(LIB_PATH) != null || System.getProperty(LIB_NAME) != null
                || System.getProperty(TMP_DIR) != null) {
            LOG.debug("sqlite native library cache not used: the application sets {}, {} or {}", LIB_PATH, LIB_NAME,
                    TMP_DIR);
            return;
        }
        Optional<Path> root = userCacheRoot();
        if (root.isEmpty()) {
            LOG.debug("sqlite native library cache not used: no user cache folder");
            return;
        }
        // the folder is named from what costs nothing to learn; the library's path in the jar (which the driver
        // learns from OSInfo: a `uname -o` process and a walk of /proc/self/map_files) only when writing, and
        // recorded in the checksum file for the launches after
        String folder = safeName(org.sqlite.SQLiteJDBCLoader.getVersion() + "-" + System.getProperty("os.name")
                + "-" + System.getProperty("os.arch"));
        Optional<Path> lib = ensure(root.get().resolve("stint").resolve("sqlite-native").resolve(folder),
                org.sqlite.util.LibraryLoaderUtil.getNativeLibName(), SqliteNativeLibrary::jarResource,
                () -> org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/"
                        + org.sqlite.util.LibraryLoaderUtil.getNativeLibName());
        if (lib.isPresent()) {
            System.setProperty(LIB_PATH, lib.get().getParent().toString());
            System.setProperty(LIB_NAME, lib.get().getFileName().toString());
        }
    }

    /** {@code name} with every character but letters, digits, '.', '_' and '-' made a '-' (no regex: cold start). */
    static String safeName(String name) {
        StringBuilder b = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            b.append(ok ? c : '-');
        }
        return b.toString();
    }

    /** The OS's per-user cache folder, if it can be told. */
    static Optional<Path> userCacheRoot() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String home = System.getProperty("user.home");
        if (os.startsWith("windows")) {
            String local = System.getenv("LOCALAPPDATA");
            if (local != null && !local.isBlank()) {
                return Optional.of(Path.of(local));
            }
            return home == null ? Optional.empty() : Optional.of(Path.of(home, "AppData", "Local"));
        }
        if (os.startsWith("mac")) {
            return home == null ? Optional.empty() : Optional.of(Path.of(home, "Library", "Caches"));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Optional.of(Path.of(xdg));
        }
        return home == null || home.isBlank() || home.equals("?") ? Optional.empty()
                : Optional.of(Path.of(home, ".cache"));
    }

    /** The native library in the driver's jar, with the size and CRC-32 the jar's directory records. */
    static Optional<Resource> jarResource(String resourcePath) {
        ClassLoader loader = org.sqlite.SQLiteJDBCLoader.class.getClassLoader();
        String name = resourcePath.startsWith("/") ? resourcePath.substring(1) : resourcePath;
        URL url = loader == null ? ClassLoader.getSystemResource(name) : loader.getResource(name);
        if (url == null) {
            return Optional.empty();
        }
        String path = "/" + name;
        try {
            URLConnection connection = url.openConnection();
            if (connection instanceof JarURLConnection jar) {
                JarEntry entry = jar.getJarEntry();
                if (entry != null && entry.getSize() >= 0 && entry.getCrc() >= 0) {
                    return Optional.of(new Resource(path, entry.getSize(), entry.getCrc(), () -> {
                        URLConnection c = url.openConnection();
                        c.setUseCaches(false);
                        return c.getInputStream();
                    }));
                }
            }
            // not in a jar (an exploded class folder, a custom loader): size and CRC from the bytes themselves
            byte[] bytes;
            URLConnection c = url.openConnection();
            c.setUseCaches(false);
            try (InputStream in = c.getInputStream()) {
                bytes = in.readAllBytes();
            }
            CRC32 crc = new CRC32();
            crc.update(bytes);
            return Optional.of(new Resource(path, bytes.length, crc.getValue(),
                    () -> new java.io.ByteArrayInputStream(bytes)));
        } catch (IOException | RuntimeException e) {
            LOG.debug("sqlite native library cache not used: cannot read {}: {}", url, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Makes sure {@code folder} holds a verified copy of the native library {@code fileName}: first the copy a
     * checksum file there describes, if the jar ({@code lookup}) still holds that resource with that size and
     * CRC-32 and the file has them too; otherwise the resource at {@code resolve}'s path, written again. Returns
     * the file, or empty if that cannot be done (logged at debug).
     */
    static Optional<Path> ensure(Path folder, String fileName, Function<String, Optional<Resource>> lookup,
            Supplier<String> resolve) {
        Path lib = folder.resolve(fileName);
        Path checksum = folder.resolve(fileName + CHECKSUM_SUFFIX);
        try {
            if (Files.isRegularFile(checksum)) {
                ChecksumLine recorded = ChecksumLine.parse(Files.readString(checksum, StandardCharsets.US_ASCII));
                if (recorded != null) {
                    Optional<Resource> r = lookup.apply(recorded.path());
                    if (r.isPresent() && r.get().fileName().equals(fileName) && matches(lib, checksum, r.get())) {
                        return Optional.of(lib);
                    }
                }
            }
            Optional<Resource> resource = lookup.apply(resolve.get());
            if (resource.isEmpty()) {
                LOG.debug("sqlite native library cache not used: the driver's jar has no native library here");
                return Optional.empty();
            }
            Files.createDirectories(folder);
            write(folder, lib, checksum, resource.get());
            if (matches(lib, checksum, resource.get())) {
                LOG.debug("sqlite native library cached at {}", lib);
                return Optional.of(lib);
            }
            LOG.debug("sqlite native library cache not used: {} does not verify after writing", lib);
        } catch (IOException | RuntimeException e) {
            LOG.debug("sqlite native library cache not used: {}: {}", folder, e.toString());
        }
        return Optional.empty();
    }

    /**
     * Whether the cached file has the resource's size and CRC-32 and its checksum file records both and the
     * resource's path.
     */
    static boolean matches(Path lib, Path checksum, Resource resource) throws IOException {
        if (!Files.isRegularFile(lib) || !Files.isRegularFile(checksum) || Files.size(lib) != resource.size()) {
            return false;
        }
        ChecksumLine recorded = ChecksumLine.parse(Files.readString(checksum, StandardCharsets.US_ASCII));
        return recorded != null && recorded.size() == resource.size() && recorded.crc() == resource.crc()
                && recorded.path().equals(resource.path()) && crcOf(lib) == resource.crc();
    }

    private static void write(Path folder, Path lib, Path checksum, Resource resource) throws IOException {
        Path temp = Files.createTempFile(folder, resource.fileName() + ".", ".tmp");
        try {
            MessageDigest sha = sha256();
            CRC32 crc = new CRC32();
            long size = 0;
            try (InputStream in = resource.opener().open();
                    OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    sha.update(buffer, 0, n);
                    crc.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    size += n;
                }
            }
            if (size != resource.size() || crc.getValue() != resource.crc()) {
                throw new IOException("the copy from the jar has " + size + " bytes, CRC-32 "
                        + Long.toHexString(crc.getValue()) + "; the jar records " + resource.size() + ", "
                        + Long.toHexString(resource.crc()));
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            String written = HexFormat.of().formatHex(sha256Of(temp));
            if (!hex.equals(written)) {
                throw new IOException("the written copy's SHA-256 " + written + " differs from the jar's " + hex);
            }
            temp.toFile().setExecutable(true, true); // as the driver does; harmless where ignored
            moveIntoPlace(temp, lib);
            Path checksumTemp = Files.createTempFile(folder, resource.fileName() + ".", CHECKSUM_SUFFIX + ".tmp");
            try {
                Files.writeString(checksumTemp, new ChecksumLine(hex, size, crc.getValue(), resource.path()).text(),
                        StandardCharsets.US_ASCII);
                moveIntoPlace(checksumTemp, checksum);
            } finally {
                Files.deleteIfExists(checksumTemp);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Atomic rename over the old file. Where the old file cannot be replaced (Windows, while another process has
     * the library loaded), the caller verifies what is there: another process's good copy is as good as ours.
     */
    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (java.nio.file.FileSystemException e) {
            LOG.debug("cannot replace {}: {}", target, e.toString());
        }
    }

    static long crcOf(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            while (ch.read(buffer) > 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
        }
        return crc.getValue();
    }

    private static byte[] sha256Of(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return sha.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** The checksum file's one line: {@code <sha-256 hex> <size> <crc-32 hex> <resource path in the jar>}. */
    record ChecksumLine(String sha256, long size, long crc, String path) {
        String text() {
            return sha256 + " " + size + " " + Long.toHexString(crc) + " " + path + "\n";
        }

        static ChecksumLine parse(String text) {
            String[] parts = text.trim().split(" ");
            if (parts.length != 4 || parts[0].length() != 64 || !parts[3].startsWith("/")) {
                return null;
            }
            try {
                return new ChecksumLine(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2], 16), parts[3]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
