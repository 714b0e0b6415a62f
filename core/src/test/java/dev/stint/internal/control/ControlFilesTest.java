package dev.stint.internal.control;

import static dev.stint.internal.control.ControlFixtures.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stint.ControlEndpoint;
import dev.stint.ControlEndpointException;
import dev.stint.Library;
import dev.stint.RemoteLibrary;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** control.json and control.token: written on open, owner-only, new on every start, gone on close, stale ignored. */
class ControlFilesTest {
    @TempDir
    Path dir;
    @TempDir
    Path second;

    @Test
    void open_writes_the_announcement_and_an_owner_only_token() throws Exception {
        try (Library library = ControlFixtures.open(dir)) {
            JsonNode json = ControlFixtures.MAPPER.readTree(dir.resolve("control.json").toFile());
            assertThat(json.path("version").asInt()).isEqualTo(1);
            assertThat(json.path("port").asInt()).isEqualTo(library.controlUri().orElseThrow().getPort());
            assertThat(json.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
            assertThat(json.path("startedAt").asLong()).isPositive();
            assertThat(json.path("tokenFile").asText()).isEqualTo("control.token");
            assertThat(ControlFixtures.token(dir)).matches("[0-9a-f]{64}");
            assertThat(library.controlUri().orElseThrow()).isEqualTo(URI.create("http://127.0.0.1:"
                    + json.path("port").asInt()));
            try (var listing = Files.list(dir)) {
                assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
    }

    @Test
    void the_token_file_is_readable_by_its_owner_only() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        // a token file left by a crash, readable by everyone, is replaced, not reused
        Files.writeString(dir.resolve("control.token"), "leftover");
        Files.setPosixFilePermissions(dir.resolve("control.token"), PosixFilePermissions.fromString("rw-rw-rw-"));
        try (Library library = ControlFixtures.open(dir)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("control.token"))))
                    .isEqualTo("rw-------");
            assertThat(ControlFixtures.token(dir)).matches("[0-9a-f]{64}");
        }
    }

    @Test
    void library_without_the_endpoint_has_no_files_and_no_uri() {
        try (Library library = Library.builder(dir).catalog(dev.stint.jobs.TestCatalog.all()).useServiceLoader(false)
                .open()) {
            assertThat(library.controlUri()).isEmpty();
            assertThat(dir.resolve("control.json")).doesNotExist();
            assertThat(dir.resolve("control.token")).doesNotExist();
            assertThat(RemoteLibrary.find(dir)).isEmpty();
        }
    }

    @Test
    void two_libraries_in_one_process_have_their_own_port_and_token() throws Exception {
        try (Library a = ControlFixtures.open(dir); Library b = ControlFixtures.open(second);
                RemoteLibrary ra = RemoteLibrary.find(dir).orElseThrow();
                RemoteLibrary rb = RemoteLibrary.find(second).orElseThrow()) {
            assertThat(a.controlUri().orElseThrow().getPort()).isNotEqualTo(b.controlUri().orElseThrow().getPort());
            assertThat(ControlFixtures.token(dir)).isNotEqualTo(ControlFixtures.token(second));
            a.dispatch("test.count", "{\"to\":1}", dev.stint.DispatchOptions.defaults()
                    .withDelay(java.time.Duration.ofHours(1)));
            assertThat(ra.counts().of(dev.stint.JobStatus.QUEUED)).isEqualTo(1);
            assertThat(rb.counts().of(dev.stint.JobStatus.QUEUED)).isZero();
            // closing one leaves the other serving
            a.close();
            assertThat(rb.queues()).isNotEmpty();
        }
    }

    @Test
    void close_deletes_the_files_and_the_endpoint_stops_answering() throws Exception {
        Library library = ControlFixtures.open(dir);
        URI uri = library.controlUri().orElseThrow();
        RemoteLibrary remote = RemoteLibrary.find(dir).orElseThrow();
        library.close();
        assertThat(dir.resolve("control.json")).doesNotExist();
        assertThat(dir.resolve("control.token")).doesNotExist();
        assertThat(library.controlUri()).isEmpty();
        assertThat(RemoteLibrary.find(dir)).isEmpty();
        assertThatThrownBy(remote::counts).isInstanceOf(ControlEndpointException.class)
                .satisfies(e -> assertThat(((ControlEndpointException) e).code()).isEqualTo("transport"));
        remote.close();
        try (ServerSocket free = new ServerSocket(uri.getPort())) {
            assertThat(free.getLocalPort()).isEqualTo(uri.getPort());
        }
    }

    @Test
    void a_stale_announcement_of_a_dead_process_is_ignored_and_replaced() throws Exception {
        Process gone = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        gone.waitFor();
        Files.writeString(dir.resolve("control.json"), "{\"version\":1,\"port\":1,\"pid\":" + gone.pid()
                + ",\"startedAt\":1,\"tokenFile\":\"control.token\"}");
        Files.writeString(dir.resolve("control.token"), "a".repeat(64));
        assertThat(RemoteLibrary.find(dir)).isEmpty();
        // a live pid with a token file elsewhere, or a malformed file, is ignored too
        Files.writeString(dir.resolve("control.json"), "{\"version\":1,\"port\":1,\"pid\":"
                + ProcessHandle.current().pid() + ",\"tokenFile\":\"../elsewhere\"}");
        assertThat(RemoteLibrary.find(dir)).isEmpty();
        Files.writeString(dir.resolve("control.json"), "{not json");
        assertThat(RemoteLibrary.find(dir)).isEmpty();
        try (Library library = ControlFixtures.open(dir); RemoteLibrary remote = RemoteLibrary.find(dir).orElseThrow()) {
            assertThat(remote.uri()).isEqualTo(library.controlUri().orElseThrow());
            assertThat(remote.queues()).isNotEmpty();
        }
    }

    @Test
    void a_restart_writes_a_new_token_and_the_old_one_no_longer_works() throws Exception {
        String oldToken;
        try (Library library = ControlFixtures.open(dir)) {
            oldToken = ControlFixtures.token(dir);
        }
        try (Library library = ControlFixtures.open(dir); HttpClient http = ControlFixtures.http()) {
            URI base = library.controlUri().orElseThrow();
            assertThat(ControlFixtures.token(dir)).isNotEqualTo(oldToken);
            assertThat(send(http, base, "GET", "/v1/counts", oldToken, null).statusCode()).isEqualTo(401);
            assertThat(send(http, base, "GET", "/v1/counts", ControlFixtures.token(dir), null).statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void a_taken_port_fails_the_open_cleanly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> ControlFixtures.builder(dir)
                    .controlEndpoint(ControlEndpoint.loopback().withPort(taken.getLocalPort())).open())
                    .isInstanceOf(ControlEndpointException.class)
                    .satisfies(e -> assertThat(((ControlEndpointException) e).code()).isEqualTo("start_failed"));
        }
        // the library was closed again: it opens
        try (Library library = ControlFixtures.open(dir)) {
            assertThat(library.controlUri()).isPresent();
        }
    }

    @Test
    void endpoint_settings_are_checked_when_set() {
        assertThatThrownBy(() -> ControlEndpoint.loopback().withMaxConcurrentRequests(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConcurrentRequests");
        assertThatThrownBy(() -> ControlEndpoint.loopback().withPort(70000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThat(ControlEndpoint.loopback().withMaxEventStreams(3).maxEventStreams()).isEqualTo(3);
        assertThat(ControlEndpoint.loopback().maxConcurrentRequests()).isEqualTo(32);
    }
}
