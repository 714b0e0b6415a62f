package dev.stint.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-user cache of sqlite-jdbc's native library, in real temporary folders. */
class SqliteNativeLibraryTest {

    private static final String PATH = "/org/sqlite/native/Test/x86_64/libfake.so";

    private static SqliteNativeLibrary.Resource resource(byte[] bytes, AtomicInteger opens) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return new SqliteNativeLibrary.Resource(PATH, bytes.length, crc.getValue(), () -> {
            opens.incrementAndGet();
            return new ByteArrayInputStream(bytes);
        });
    }

    /** Counts how often the OS-dependent path is resolved (the driver's OSInfo work). */
    private final AtomicInteger resolved = new AtomicInteger();

    private Optional<Path> ensure(Path folder, SqliteNativeLibrary.Resource r) {
        return SqliteNativeLibrary.ensure(folder, r.fileName(), p -> p.equals(r.path()) ? Optional.of(r)
                : Optional.empty(), () -> {
                    resolved.incrementAndGet();
                    return r.path();
                });
    }

    private static byte[] library(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31 + (i >> 8));
        }
        return bytes;
    }

    @Test
    void the_library_is_written_once_and_reused_on_later_launches(@TempDir Path dir) throws Exception {
        byte[] bytes = library(300_000);
        AtomicInteger opens = new AtomicInteger();
        SqliteNativeLibrary.Resource r = resource(bytes, opens);

        Optional<Path> first = ensure(dir.resolve("cache"), r);
        assertThat(first).isPresent();
        assertThat(Files.readAllBytes(first.get())).isEqualTo(bytes);
        assertThat(dir.resolve("cache/libfake.so.sha256")).content()
                .isEqualTo(sha256(bytes) + " 300000 " + Long.toHexString(r.crc()) + " " + PATH + "\n");
        FileTime written = Files.getLastModifiedTime(first.get());

        Optional<Path> second = ensure(dir.resolve("cache"), r);
        assertThat(second).contains(first.get());
        assertThat(opens).as("the jar's copy is read only the first time").hasValue(1);
        assertThat(resolved).as("the path in the jar is resolved only when writing").hasValue(1);
        assertThat(Files.getLastModifiedTime(second.get())).isEqualTo(written);
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("libfake.so",
                    "libfake.so.sha256");
        }
    }

    @Test
    void a_tampered_copy_of_the_same_size_is_detected_and_replaced(@TempDir Path dir) throws Exception {
        byte[] bytes = library(200_000);
        AtomicInteger opens = new AtomicInteger();
        SqliteNativeLibrary.Resource r = resource(bytes, opens);
        Path lib = ensure(dir, r).orElseThrow();

        byte[] tampered = bytes.clone();
        tampered[123_456] ^= 0x5a;
        Files.write(lib, tampered);

        assertThat(ensure(dir, r)).contains(lib);
        assertThat(Files.readAllBytes(lib)).isEqualTo(bytes);
        assertThat(opens).hasValue(2);
    }

    @Test
    void a_truncated_copy_or_a_missing_checksum_file_is_written_again(@TempDir Path dir) throws Exception {
        byte[] bytes = library(100_000);
        AtomicInteger opens = new AtomicInteger();
        SqliteNativeLibrary.Resource r = resource(bytes, opens);
        Path lib = ensure(dir, r).orElseThrow();

        Files.write(lib, new byte[10]);
        assertThat(ensure(dir, r)).contains(lib);
        assertThat(Files.readAllBytes(lib)).isEqualTo(bytes);

        Files.delete(dir.resolve("libfake.so.sha256"));
        assertThat(ensure(dir, r)).contains(lib);
        assertThat(dir.resolve("libfake.so.sha256")).exists();
        assertThat(opens).hasValue(3);
    }

    @Test
    void a_jar_that_does_not_match_what_its_directory_records_is_not_cached(@TempDir Path dir) {
        byte[] bytes = library(50_000);
        SqliteNativeLibrary.Resource lying = new SqliteNativeLibrary.Resource(PATH, bytes.length, 42L,
                () -> new ByteArrayInputStream(bytes));

        assertThat(ensure(dir, lying)).isEmpty();
        assertThat(dir.resolve("libfake.so")).doesNotExist();
    }

    @Test
    void a_read_only_cache_folder_falls_back_quietly(@TempDir Path dir) throws Exception {
        Path readOnly = Files.createDirectory(dir.resolve("ro"));
        assertThat(readOnly.toFile().setWritable(false, false)).isTrue();
        try {
            if (Files.isWritable(readOnly)) {
                return; // running as root: permissions do not bind, nothing to check
            }
            assertThat(ensure(readOnly.resolve("sub"), resource(library(1000),
                    new AtomicInteger()))).isEmpty();
        } finally {
            readOnly.toFile().setWritable(true, true);
        }
    }

    @Test
    void threads_racing_to_write_it_leave_one_good_file(@TempDir Path dir) throws Exception {
        byte[] bytes = library(500_000);
        SqliteNativeLibrary.Resource r = resource(bytes, new AtomicInteger());
        int racers = 8;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Optional<Path>>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return ensure(dir.resolve("cache"), r);
                }));
            }
            for (Future<Optional<Path>> f : results) {
                Optional<Path> lib = f.get();
                assertThat(lib).isPresent();
                assertThat(Files.readAllBytes(lib.get())).isEqualTo(bytes);
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file is left behind").containsExactlyInAnyOrder("libfake.so",
                            "libfake.so.sha256");
        }
    }

    @Test
    void the_drivers_own_library_is_found_in_its_jar_with_the_size_and_crc_its_directory_records() throws Exception {
        String path = org.sqlite.util.LibraryLoaderUtil.getNativeLibResourcePath() + "/"
                + org.sqlite.util.LibraryLoaderUtil.getNativeLibName();
        SqliteNativeLibrary.Resource r = SqliteNativeLibrary.jarResource(path).orElseThrow();
        byte[] bytes;
        try (var in = r.opener().open()) {
            bytes = in.readAllBytes();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        assertThat(r.size()).isEqualTo(bytes.length);
        assertThat(r.crc()).isEqualTo(crc.getValue());
    }

    @Test
    void a_driver_upgrade_with_another_library_at_the_recorded_path_is_written_again(@TempDir Path dir)
            throws Exception {
        Path lib = ensure(dir, resource(library(1000), new AtomicInteger())).orElseThrow();
        byte[] newer = library(1200);
        assertThat(ensure(dir, resource(newer, new AtomicInteger()))).contains(lib);
        assertThat(Files.readAllBytes(lib)).isEqualTo(newer);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void the_user_cache_folder_follows_the_os_conventions() {
        assertThat(SqliteNativeLibrary.userCacheRoot()).isPresent().get().satisfies(p -> assertThat(p).isAbsolute());
    }
}
