package dev.stint.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two files that announce a running endpoint in the library folder: {@code control.token} (the token,
 * created readable by the owner only: POSIX {@code 0600}, or an owner-only ACL on Windows; never widened) and
 * {@code control.json} ({@code {"version":1,"port","pid","startedAt","tokenFile"}}, written atomically after the
 * server listens). Both are deleted when the endpoint stops. {@link #read} is the client side: it ignores a file
 * whose process is gone.
 */
public final class ControlFiles {
    /** The announcement's file name. */
    public static final String JSON = "control.json";
    /** The token's file name. */
    public static final String TOKEN = "control.token";
    /** The announcement format's version. */
    public static final int VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ControlFiles.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path json;
    private final Path token;

    private ControlFiles(Path dir) {
        this.json = dir.resolve(JSON);
        this.token = dir.resolve(TOKEN);
    }

    /** What a client reads: where the endpoint listens and its token. */
    public record Announcement(int port, long pid, long startedAt, String token) {
        @Override
        public String toString() {
            return "Announcement[port=" + port + ", pid=" + pid + ", startedAt=" + startedAt + ", token=****]";
        }
    }

    /**
     * Writes the token file, then {@code control.json}. A token file left by a crashed owner is deleted first; the
     * new one is created with owner-only permissions (if someone else creates it in between, this fails).
     */
    static ControlFiles write(Path dir, ControlToken secret, int port, long pid, long startedAt) throws IOException {
        ControlFiles files = new ControlFiles(dir);
        Files.deleteIfExists(files.token);
        Files.createFile(files.token, ownerOnly(dir));
        Files.writeString(files.token, secret.value(), StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        ObjectNode o = MAPPER.createObjectNode();
        o.put("version", VERSION);
        o.put("port", port);
        o.put("pid", pid);
        o.put("startedAt", startedAt);
        o.put("tokenFile", TOKEN);
        Path temp = dir.resolve(JSON + "." + ControlToken.randomHex(6) + ".tmp");
        try {
            Files.write(temp, MAPPER.writeValueAsBytes(o), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temp, files.json, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, files.json, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return files;
    }

    /** Deletes both files (the announcement first, so no client reads it without its token). */
    void delete() {
        for (Path p : List.of(json, token)) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("cannot delete {}: {}", p, e.getMessage());
            }
        }
    }

    /**
     * The endpoint announced in {@code dir}, if {@code control.json} is there, well formed, of a known version,
     * and its process is alive; empty otherwise (a stale file of a crashed process is ignored).
     *
     * @throws IOException if the files exist but cannot be read
     */
    public static Optional<Announcement> read(Path dir) throws IOException {
        Path json = dir.resolve(JSON);
        JsonNode o;
        try {
            byte[] bytes = Files.readAllBytes(json);
            if (bytes.length > 4096) {
                return Optional.empty();
            }
            o = MAPPER.readTree(bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.debug("{} is not JSON; ignored", json);
            return Optional.empty();
        }
        if (o == null || o.path("version").asInt() != VERSION || !o.path("port").canConvertToInt()) {
            return Optional.empty();
        }
        int port = o.path("port").asInt();
        long pid = o.path("pid").asLong(-1);
        if (port < 1 || port > 65535 || !alive(pid)) {
            return Optional.empty();
        }
        String tokenFile = o.path("tokenFile").asText(TOKEN);
        if (!tokenFile.equals(TOKEN)) {
            // the file names a token file of its own: accept only the one name, never a path
            return Optional.empty();
        }
        String secret;
        try {
            secret = Files.readString(dir.resolve(TOKEN), StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!secret.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        return Optional.of(new Announcement(port, pid, o.path("startedAt").asLong(), secret));
    }

    private static boolean alive(long pid) {
        return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static FileAttribute<?> ownerOnly(Path dir) throws IOException {
        var views = FileSystems.getDefault().supportedFileAttributeViews();
        if (views.contains("posix")) {
            return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
        }
        if (views.contains("acl")) {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
            AclEntry entry = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(owner)
                    .setPermissions(EnumSet.of(AclEntryPermission.READ_DATA, AclEntryPermission.WRITE_DATA,
                            AclEntryPermission.APPEND_DATA, AclEntryPermission.READ_ATTRIBUTES,
                            AclEntryPermission.WRITE_ATTRIBUTES, AclEntryPermission.READ_NAMED_ATTRS,
                            AclEntryPermission.WRITE_NAMED_ATTRS, AclEntryPermission.READ_ACL,
                            AclEntryPermission.WRITE_ACL, AclEntryPermission.DELETE, AclEntryPermission.SYNCHRONIZE))
                    .build();
            List<AclEntry> acl = List.of(entry);
            return new FileAttribute<List<AclEntry>>() {
                @Override
                public String name() {
                    return "acl:acl";
                }

                @Override
                public List<AclEntry> value() {
                    return acl;
                }
            };
        }
        throw new IOException("the file system offers neither POSIX permissions nor ACLs: cannot create a token file"
                + " that only its owner can read");
    }
}
