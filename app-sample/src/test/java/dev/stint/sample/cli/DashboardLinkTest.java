package dev.stint.sample.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.ControlEndpoint;
import dev.stint.Library;
import dev.stint.sample.gui.SampleLibraries;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desktop apps' "Open dashboard" ({@link DashboardLink#openFromApp}): a ticket from the library's own endpoint,
 * handed to the browser, or shown when there is none. A recording browser stands in for the desktop's: the test
 * never starts one.
 */
class DashboardLinkTest {

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void open_dashboard_hands_a_single_use_link_of_the_librarys_own_endpoint_to_the_browser() throws Exception {
        try (Library library = SampleLibraries.builder(temp).controlEndpoint(ControlEndpoint.loopback()).open()) {
            List<URI> opened = new ArrayList<>();

            String said = DashboardLink.openFromApp(library, url -> opened.add(url));

            assertThat(said).isEqualTo("Opened the dashboard in your browser.");
            assertThat(opened).hasSize(1);
            URI link = opened.get(0);
            assertThat(link.getPort()).isEqualTo(library.controlUri().orElseThrow().getPort());
            assertThat(status(link)).isEqualTo(303);
            assertThat(status(link)).as("used once").isEqualTo(401);
        }
    }

    @Test
    void without_a_browser_the_status_line_shows_the_link() throws Exception {
        try (Library library = SampleLibraries.builder(temp).controlEndpoint(ControlEndpoint.loopback()).open()) {
            String said = DashboardLink.openFromApp(library, url -> false);

            assertThat(said).startsWith("Open this link in a browser within a minute (it works once): http://127.0.0.1:");
            URI link = URI.create(said.substring(said.indexOf("http://")));
            assertThat(status(link)).isEqualTo(303);
        }
    }

    @Test
    void a_library_without_its_endpoint_offers_no_dashboard_and_opens_nothing() {
        try (Library library = SampleLibraries.builder(temp).open()) {
            List<URI> opened = new ArrayList<>();

            assertThat(DashboardLink.offered(library)).isFalse();
            assertThat(DashboardLink.openFromApp(library, url -> opened.add(url))).contains("control endpoint is off");
            assertThat(opened).isEmpty();
        }
    }

    private int status(URI link) throws Exception {
        return http.send(HttpRequest.newBuilder(link).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
