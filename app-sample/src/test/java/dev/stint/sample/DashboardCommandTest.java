package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ControlEndpoint;
import dev.stint.Library;
import dev.stint.sample.cli.DashboardLink;
import dev.stint.sample.gui.SampleLibraries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stint dashboard}: finds the process serving the library, prints a login link that works once, and says how
 * to start a holder when there is none. ({@code --no-browser} everywhere: a test never opens the desktop's browser.
 * The page itself is driven in a real browser by {@link DashboardBrowserTest}.)
 */
class DashboardCommandTest {

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void dashboard_prints_a_login_link_of_the_holders_endpoint_that_works_once() throws Exception {
        Path dir = temp.resolve("library");
        try (Library library = SampleLibraries.builder(dir).controlEndpoint(ControlEndpoint.loopback()).open()) {
            URI base = library.controlUri().orElseThrow();

            Cli.Result r = new Cli(dir).run("dashboard", "--no-browser");

            assertThat(r.exitCode()).as("stderr: %s", r.err()).isZero();
            URI link = URI.create(r.out().strip());
            assertThat(r.out().lines()).hasSize(1);
            assertThat(link.getScheme()).isEqualTo("http");
            assertThat(link.getHost()).isEqualTo("127.0.0.1");
            assertThat(link.getPort()).isEqualTo(base.getPort());
            assertThat(link.getPath()).isEqualTo("/login");
            assertThat(link.getQuery()).matches("ticket=[0-9a-f]{32,}");
            assertThat(r.err()).contains("works once");

            HttpResponse<String> first = http.send(HttpRequest.newBuilder(link).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(first.statusCode()).isEqualTo(303);
            assertThat(first.headers().firstValue("Location")).hasValue("/");
            assertThat(first.headers().firstValue("Set-Cookie").orElseThrow())
                    .startsWith("stint_session=").contains("HttpOnly").contains("SameSite=Strict");

            HttpResponse<String> again = http.send(HttpRequest.newBuilder(link).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(again.statusCode()).as("a used ticket grants nothing").isEqualTo(401);
            assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void each_dashboard_run_gets_its_own_ticket() {
        Path dir = temp.resolve("library");
        try (Library library = SampleLibraries.builder(dir).controlEndpoint(ControlEndpoint.loopback()).open()) {
            Cli cli = new Cli(dir);
            String one = cli.run("dashboard", "--no-browser").out().strip();
            String two = cli.run("dashboard", "--no-browser").out().strip();

            assertThat(one).isNotEqualTo(two);
        }
    }

    @Test
    void without_a_process_holding_the_library_it_says_how_to_start_one_and_exits_with_4() {
        Path dir = temp.resolve("nobody-holds-it");
        try (Library library = SampleLibraries.builder(dir).open()) {
            library.dispatch("demo.count", "{}");
        }

        Cli.Result r = new Cli(dir).run("dashboard", "--no-browser");

        assertThat(r.exitCode()).isEqualTo(Main.EXIT_NOT_HELD).isEqualTo(4);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("no process has library " + dir + " open")
                .contains("stint gui --library " + dir).contains("stint run --library " + dir)
                .contains("ControlEndpoint.loopback()");
        assertThat(dir.resolve("control.json")).doesNotExist();
    }

    @Test
    void a_folder_without_a_library_stays_without_one() {
        Path dir = temp.resolve("empty");

        Cli.Result r = new Cli(dir).run("dashboard", "--no-browser");

        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(dir.resolve("jobs.db")).doesNotExist();
    }

    @Test
    void a_holder_without_an_endpoint_is_named_and_the_exit_code_is_3() {
        Path dir = temp.resolve("library");
        try (Library library = SampleLibraries.builder(dir).open()) {
            assertThat(DashboardLink.offered(library)).isFalse();

            Cli.Result r = new Cli(dir).run("dashboard", "--no-browser");

            assertThat(r.exitCode()).isEqualTo(Main.EXIT_LOCKED).isEqualTo(3);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("without a control endpoint, so 'dashboard' cannot go through it");
        }
    }

    @Test
    void a_library_with_its_endpoint_on_offers_the_dashboard() {
        Path dir = temp.resolve("library");
        try (Library library = SampleLibraries.builder(dir).controlEndpoint(ControlEndpoint.loopback()).open()) {
            assertThat(DashboardLink.offered(library)).isTrue();
            assertThat(DashboardLink.loginUrl(dir)).hasValueSatisfying(
                    url -> assertThat(url.getPort()).isEqualTo(library.controlUri().orElseThrow().getPort()));
        }
    }

    @Test
    void dashboard_takes_no_arguments_and_its_flag_no_value() {
        Cli cli = new Cli(temp.resolve("library"));

        assertThat(cli.run("dashboard", "extra").exitCode()).isEqualTo(64);
        assertThat(cli.run("dashboard", "--no-browser=yes").exitCode()).isEqualTo(64);
        assertThat(cli.run("dashboard", "--json").exitCode()).isEqualTo(64);
    }

    @Test
    void help_dashboard_names_the_flag_and_the_exit_code() {
        Cli.Result r = Cli.runRaw(Map.of(), "help", "dashboard");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("usage: stint dashboard").contains("--no-browser").contains("exits with 4");
    }
}
