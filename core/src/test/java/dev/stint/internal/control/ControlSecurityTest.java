package dev.stint.internal.control;

import static dev.stint.internal.control.ControlFixtures.code;
import static dev.stint.internal.control.ControlFixtures.json;
import static dev.stint.internal.control.ControlFixtures.raw;
import static dev.stint.internal.control.ControlFixtures.send;
import static dev.stint.internal.control.ControlFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stint.ControlEndpointException;
import dev.stint.DispatchOptions;
import dev.stint.Library;
import dev.stint.RemoteLibrary;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may use the endpoint, and what it refuses: tokens, Host, Origin, sizes, cookies, tickets. */
class ControlSecurityTest {
    @TempDir
    Path dir;
    @TempDir
    Path otherDir;

    private Library library;
    private HttpClient http;
    private URI base;
    private int port;
    private String token;
    private String jobId;

    @BeforeEach
    void open() throws Exception {
        library = ControlFixtures.open(dir);
        http = ControlFixtures.http();
        base = library.controlUri().orElseThrow();
        port = base.getPort();
        token = ControlFixtures.token(dir);
        jobId = library.dispatch("test.count", "{\"to\":1}", DispatchOptions.defaults().withDelay(Duration.ofHours(1)))
                .id();
    }

    @AfterEach
    void close() {
        http.close();
        library.close();
    }

    @Test
    void the_endpoint_listens_on_loopback_only() throws Exception {
        assertThat(base.getHost()).isEqualTo("127.0.0.1");
        try (Library plain = Library.builder(otherDir).catalog(dev.stint.jobs.TestCatalog.all()).useServiceLoader(false)
                .open();
                ControlServer server = ControlServer.start(plain, ControlLimits.of(dev.stint.ControlEndpoint.loopback()),
                        0, java.util.Map.of(), java.util.Optional.empty())) {
            assertThat(server.boundAddress().isLoopbackAddress()).isTrue();
            assertThat(server.boundAddress().getHostAddress()).isEqualTo("127.0.0.1");
        }
        // from any other address of this machine, nobody answers on the port
        for (InetAddress address : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(n -> java.util.Collections.list(n.getInetAddresses()).stream())
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList()) {
            try (java.net.Socket s = new java.net.Socket()) {
                assertThatThrownBy(() -> s.connect(new java.net.InetSocketAddress(address, port), 2000))
                        .as(address.toString()).isInstanceOf(java.io.IOException.class);
            }
        }
    }

    @Test
    void no_token_wrong_token_another_librarys_token_and_a_query_token_get_401_and_change_nothing() throws Exception {
        try (Library other = ControlFixtures.open(otherDir)) {
            String otherToken = ControlFixtures.token(otherDir);
            assertThat(otherToken).isNotEqualTo(token);
            String wrong = "0".repeat(64);
            for (String bad : new String[] {null, wrong, otherToken, token.substring(1), "Bearer"}) {
                HttpResponse<String> dispatch = send(http, base, "POST", "/v1/jobs", bad, "{\"name\":\"test.count\"}");
                assertThat(dispatch.statusCode()).as("token %s", bad).isEqualTo(401);
                assertThat(code(dispatch)).isEqualTo("unauthorized");
                assertThat(send(http, base, "POST", "/v1/jobs/" + jobId + "/pause", bad, null).statusCode())
                        .isEqualTo(401);
                assertThat(send(http, base, "GET", "/v1/jobs", bad, null).statusCode()).isEqualTo(401);
            }
            // the token in the query string is refused, even beside a valid header
            HttpResponse<String> query = send(http, base, "POST", "/v1/jobs/" + jobId + "/cancel?token=" + token, null,
                    null);
            assertThat(query.statusCode()).isEqualTo(401);
            assertThat(json(query).path("error").path("message").asText()).contains("query string");
            assertThat(send(http, base, "POST", "/v1/jobs?access_token=" + token, token, "{\"name\":\"test.count\"}")
                    .statusCode()).isEqualTo(401);
            // nothing changed in jobs.db
            assertThat(ControlFixtures.rows(dir, "")).isEqualTo(1);
            assertThat(ControlFixtures.statusInDb(dir, jobId)).isEqualTo("queued");
            // the client maps 401 to a typed exception
            try (RemoteLibrary wrongClient = RemoteLibrary.connect(base, otherToken)) {
                assertThatThrownBy(() -> wrongClient.pause(jobId)).isInstanceOf(ControlEndpointException.class)
                        .satisfies(e -> {
                            assertThat(((ControlEndpointException) e).code()).isEqualTo("unauthorized");
                            assertThat(((ControlEndpointException) e).status()).isEqualTo(401);
                        });
            }
            assertThat(ControlFixtures.statusInDb(dir, jobId)).isEqualTo("queued");
        }
    }

    @Test
    void a_forged_host_is_refused_with_403() throws Exception {
        for (String host : new String[] {"evil.example:" + port, "127.0.0.1:" + (port + 1), "127.0.0.1",
                "localhost.evil.example:" + port, "[::1]:" + port}) {
            String answer = raw(port, "POST /v1/jobs/" + jobId + "/cancel HTTP/1.1\r\nHost: " + host
                    + "\r\nAuthorization: Bearer " + token + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            assertThat(status(answer)).as(host).isEqualTo(403);
            assertThat(answer).contains("\"forbidden_host\"");
        }
        String noHost = raw(port, "GET /v1/jobs HTTP/1.1\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n");
        assertThat(status(noHost)).isEqualTo(403);
        String localhost = raw(port, "GET /v1/counts HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Bearer "
                + token + "\r\nConnection: close\r\n\r\n");
        assertThat(status(localhost)).isEqualTo(200);
        assertThat(ControlFixtures.statusInDb(dir, jobId)).isEqualTo("queued");
    }

    @Test
    void a_cross_site_origin_is_refused_with_403_even_with_the_token() throws Exception {
        for (String origin : new String[] {"http://evil.example", "null", "http://127.0.0.1:" + (port + 1),
                "https://127.0.0.1:" + port}) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/jobs/" + jobId + "/cancel"))
                    .header("Authorization", "Bearer " + token).header("Origin", origin)
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(origin).isEqualTo(403);
            assertThat(code(r)).isEqualTo("forbidden_origin");
        }
        assertThat(ControlFixtures.statusInDb(dir, jobId)).isEqualTo("queued");
        HttpRequest same = HttpRequest.newBuilder(base.resolve("/v1/jobs/" + jobId + "/pause"))
                .header("Authorization", "Bearer " + token).header("Origin", "http://127.0.0.1:" + port)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(http.send(same, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void oversized_body_headers_and_request_line_are_refused() throws Exception {
        String big = raw(port, "POST /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                + token + "\r\nContent-Type: application/json\r\nContent-Length: " + (64 * 1024 + 1) + "\r\n\r\n");
        assertThat(status(big)).isEqualTo(413);
        assertThat(big).contains("\"too_large\"");
        // a whole oversized body sent by a real client
        String body = "{\"name\":\"test.count\",\"arguments\":{\"pad\":\"" + "x".repeat(70_000) + "\"}}";
        HttpResponse<String> r;
        try {
            r = send(http, base, "POST", "/v1/jobs", token, body);
            assertThat(r.statusCode()).isEqualTo(413);
        } catch (java.io.IOException e) {
            // the server may close before the client has finished sending: refused either way
            assertThat(e).isNotNull();
        }
        String headers = raw(port, "GET /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nX-Pad: "
                + "y".repeat(17 * 1024) + "\r\n\r\n");
        assertThat(status(headers)).isEqualTo(431);
        String line = raw(port, "GET /v1/jobs?" + "z".repeat(9 * 1024) + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\n\r\n");
        assertThat(status(line)).isEqualTo(414);
        String chunked = raw(port, "POST /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                + token + "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
        assertThat(status(chunked)).isEqualTo(400);
        assertThat(ControlFixtures.rows(dir, "")).isEqualTo(1);
    }

    @Test
    void malformed_requests_get_400_and_the_server_keeps_serving() throws Exception {
        assertThat(status(raw(port, "GARBAGE\r\n\r\n"))).isEqualTo(400);
        assertThat(status(raw(port, "GET http://evil.example/v1/jobs HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\n\r\n"))).isEqualTo(400);
        assertThat(status(raw(port, "GET /v1/jobs HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n folded\r\n\r\n")))
                .isEqualTo(400);
        assertThat(send(http, base, "GET", "/v1/counts", token, null).statusCode()).isEqualTo(200);
    }

    @Test
    void a_ticket_signs_a_browser_in_once_and_its_cookie_needs_the_origin_to_change_state() throws Exception {
        HttpResponse<String> ticket = send(http, base, "POST", "/v1/dashboard/ticket", token, null);
        assertThat(ticket.statusCode()).isEqualTo(200);
        String url = json(ticket).path("url").asText();
        assertThat(url).startsWith("http://127.0.0.1:" + port + "/login?ticket=");
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/");
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("stint_session=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        // used once: the same link grants nothing again
        assertThat(http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        HttpResponse<String> read = http.send(HttpRequest.newBuilder(base.resolve("/v1/counts")).header("Cookie", cookie)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
        HttpResponse<String> noOrigin = http.send(HttpRequest.newBuilder(base.resolve("/v1/jobs/" + jobId + "/pause"))
                .header("Cookie", cookie).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noOrigin.statusCode()).isEqualTo(403);
        assertThat(code(noOrigin)).isEqualTo("forbidden_origin");
        assertThat(ControlFixtures.statusInDb(dir, jobId)).isEqualTo("queued");
        HttpResponse<String> withOrigin = http.send(HttpRequest.newBuilder(base.resolve("/v1/jobs/" + jobId + "/pause"))
                .header("Cookie", cookie).header("Origin", "http://127.0.0.1:" + port)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withOrigin.statusCode()).isEqualTo(200);
        assertThat(ControlFixtures.statusInDb(dir, jobId)).isEqualTo("paused");
        // a cookie cannot mint tickets; a made-up cookie is nobody
        HttpResponse<String> mint = http.send(HttpRequest.newBuilder(base.resolve("/v1/dashboard/ticket"))
                .header("Cookie", cookie).header("Origin", "http://127.0.0.1:" + port)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(mint.statusCode()).isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(base.resolve("/v1/counts")).header("Cookie",
                "stint_session=" + "a".repeat(64)).GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(401);
        assertThat(http.send(HttpRequest.newBuilder(base.resolve("/login?ticket=" + "b".repeat(64))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void a_ticket_expires_after_60_seconds() {
        AtomicLong now = new AtomicLong(1_000);
        DashboardSessions sessions = new DashboardSessions(now::get);
        String late = sessions.newTicket();
        String onTime = sessions.newTicket();
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(sessions.redeem(onTime)).isPresent();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(sessions.redeem(late)).isEmpty();
        assertThat(sessions.redeem(onTime)).isEmpty();
    }

    @Test
    void the_dashboard_files_are_served_with_a_strict_policy_and_nothing_else_is() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve("/test-page.html")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("control test page");
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'self'; connect-src 'self'; frame-ancestors 'none'");
        for (String path : new String[] {"/../ControlServer.class", "/%2e%2e/ControlServer.class", "/ControlServer.class",
                "/missing.html", "/dashboard/test-page.html"}) {
            String answer = raw(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(status(answer)).as(path).isEqualTo(404);
        }
        String forged = raw(port, "GET /test-page.html HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
        assertThat(status(forged)).isEqualTo(403);
    }

    @Test
    void resolving_localhost_is_not_needed_to_reach_it() throws Exception {
        assertThat(InetAddress.getByName(base.getHost()).isLoopbackAddress()).isTrue();
    }
}
