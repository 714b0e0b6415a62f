package dev.stint.internal.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.ControlEndpoint;
import dev.stint.Library;
import dev.stint.jobs.TestCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Libraries with a control endpoint, raw HTTP, and reads of jobs.db, for the control tests. */
final class ControlFixtures {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ControlFixtures() {
    }

    static Library.Builder builder(Path dir) {
        return Library.builder(dir).catalog(TestCatalog.all()).useServiceLoader(false).concurrency(4)
                .queue("imports", 2).progressInterval(Duration.ofMillis(20)).shutdownTimeout(Duration.ofSeconds(5))
                .powerSafe(false).controlEndpoint(ControlEndpoint.loopback());
    }

    static Library open(Path dir) {
        return builder(dir).open();
    }

    static String token(Path dir) throws IOException {
        return Files.readString(dir.resolve(ControlFiles.TOKEN)).strip();
    }

    static int port(Library library) {
        return library.controlUri().orElseThrow().getPort();
    }

    /** A plain client (no redirects followed). */
    static HttpClient http() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).proxy(java.net.ProxySelector.of(null)).build();
    }

    static HttpResponse<String> send(HttpClient http, URI base, String method, String path, String token, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            r.header("Content-Type", "application/json");
        }
        r.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws IOException {
        return MAPPER.readTree(response.body());
    }

    /** The error code of an error answer. */
    static String code(HttpResponse<String> response) throws IOException {
        return json(response).path("error").path("code").asText();
    }

    /** Sends raw bytes on a fresh socket and reads the whole answer (the request asks to close). */
    static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The status code of a raw answer. */
    static int status(String rawAnswer) {
        return Integer.parseInt(rawAnswer.substring(9, 12));
    }

    /** A count straight from jobs.db (all its job rows, active and finished). */
    static long rows(Path dir, String where) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM job_rows" + (where.isEmpty() ? "" : " WHERE " + where))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A job's status straight from jobs.db. */
    static String statusInDb(Path dir, String id) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.db"));
                var s = c.prepareStatement("SELECT status FROM job_rows WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
