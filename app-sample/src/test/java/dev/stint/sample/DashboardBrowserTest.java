package dev.stint.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stint.ControlEndpoint;
import dev.stint.DispatchOptions;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.sample.gui.SampleLibraries;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The web dashboard in a real browser: Debian's headless Chromium driven through its chromedriver (both from the
 * system's packages, which {@code .ci/run} installs; the test is skipped without them, and Selenium never downloads
 * a browser or driver: the driver's path is given, so Selenium Manager is not asked).
 *
 * <p>A library with its control endpoint on runs a long counting job. {@code stint dashboard --no-browser} prints a
 * single-use login link; Chromium opens it, lands on the page with a session cookie, and sees the job's bar
 * advance. It clicks Pause: the page and {@code jobs.db} say paused; Resume: running again and counting on; then
 * Cancel. Along the way: a screenshot ({@code target/screenshots/dashboard.png}; with
 * {@code -Dstint.screenshots.docs=true} also {@code docs/images/dashboard.png}), the used link answers 401, the
 * session cookie is HttpOnly, no request left the loopback interface, and no Content-Security-Policy violation was
 * reported.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("stint.test.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("stint.test.chromedriver",
            "/usr/bin/chromedriver"));
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");
    /**
     * Quiet: Selenium looks for a DevTools (CDP) binding of this Chromium's version, which the test does not use (it
     * reads the DevTools network log through WebDriver), and warns at every start without one. Held here: JUL keeps
     * loggers weakly.
     */
    private static final Logger CDP_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    @TempDir
    Path temp;

    private ChromeDriverService service;
    private ChromeDriver driver;
    private Library library;

    @BeforeEach
    void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "no system Chromium and chromedriver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install chromium chromium-driver");
        // the driver is given: Selenium Manager (which would download one) is never asked
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(temp.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--disable-dev-shm-usage", "--window-size=1360,1000",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + Files.createDirectories(temp.resolve("chromium-profile")));
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox"); // Chromium's sandbox refuses to run as root
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL); // every network request the page makes
        logs.enable(LogType.BROWSER, Level.ALL);     // console messages: CSP violations
        options.setCapability("goog:loggingPrefs", logs);
        driver = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (library != null) {
            library.close();
        }
    }

    @Test
    void a_running_jobs_bar_advances_and_pause_resume_and_cancel_reach_jobs_db() throws Exception {
        Path dir = temp.resolve("stint-demo");
        library = SampleLibraries.builder(dir).controlEndpoint(ControlEndpoint.loopback()).concurrency(4)
                .queue("imports", 1).open();
        // a finished job, a failed one with its error and a parent with children, so the page shows them all
        String done = library.dispatch("demo.count", "{\"to\": 5}").id();
        String failed = library.dispatch("demo.flaky", "{\"failTimes\": 9}",
                DispatchOptions.defaults().withMaxAttempts(1)).id();
        // about 30 s of counting (20 ms a number), checked for interruption every number
        String id = library.dispatch("demo.count", "{\"to\": 1500, \"checkpointEvery\": 50, \"sleepMillis\": 20}")
                .id();
        String tree = library.dispatch("demo.tree", "{\"children\": 2, \"childTo\": 3}").id();
        // one more in its own queue, paused through the library (not the page) once the page shows it counting
        String imports = library.dispatch("demo.count", "{\"to\": 1000, \"sleepMillis\": 20}",
                DispatchOptions.defaults().withQueue("imports")).id();

        // 1. the console's link, opened in the browser: redirected to the page with a session cookie
        Cli.Result link = new Cli(dir).run("dashboard", "--no-browser");
        assertThat(link.exitCode()).as("stderr: %s", link.err()).isZero();
        URI login = URI.create(link.out().strip());
        driver.get(login.toString());
        URI base = library.controlUri().orElseThrow();
        assertThat(driver.getCurrentUrl()).as("the ticket is gone from the address bar")
                .isEqualTo("http://127.0.0.1:" + base.getPort() + "/");
        Cookie session = driver.manage().getCookieNamed("stint_session");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat((String) js("return document.cookie;")).doesNotContain("stint_session");
        waitFor("the connection is live", d -> "live".equals(
                d.findElement(By.id("connection")).getDomAttribute("data-state")));

        // 2. the job's bar advances: read its value twice, it grows
        waitFor("the counting job is listed and running", d -> status(id).equals("running") && barValue(id) > 0);
        double first = barValue(id);
        waitFor("the bar grows past " + first, d -> barValue(id) > first);
        assertThat(text(id, "job-progress-text")).matches("\\d+ / 1500");
        waitFor("a time left shows", d -> text(id, "job-eta").matches("(\\d+m )?\\d+s"));

        // the other jobs: the finished one full, the failed one with its error and a retry button, the tree's children
        waitFor("the finished and failed jobs show", d -> status(done).equals("completed")
                && status(failed).equals("failed"));
        assertThat(text(failed, "job-error")).contains("RetryableJobException");
        assertThat(button("retry", failed).isEnabled()).isTrue();
        assertThat(button("pause", failed).isDisplayed()).isFalse();
        waitFor("the tree's children show under it", d -> childrenShown(tree) == 2);
        waitFor("the job in the other queue counts", d -> barValue(imports) > 0);
        library.pause(imports);
        waitFor("a pause from elsewhere shows live", d -> status(imports).equals("paused"));
        assertThat(driver.findElements(By.cssSelector("[data-testid=queue-row]")))
                .extracting(r -> r.getDomAttribute("data-queue")).contains("default", "imports");

        // 3. Pause: the page and jobs.db say paused, and its buttons follow
        button("pause", id).click();
        waitFor("the page shows the job paused", d -> status(id).equals("paused"));
        assertThat(statusInJobsDb(dir, id)).isEqualTo("paused");
        assertThat(library.job(id).orElseThrow().status()).isEqualTo(JobStatus.PAUSED);
        waitFor("resume is offered", d -> button("resume", id).isEnabled() && !button("pause", id).isEnabled());
        assertThat((String) js("return document.getElementById('announcer').textContent;"))
                .as("the status change is announced to screen readers").contains("is now paused");
        double pausedAt = barValue(id);

        // 4. Resume: running again, and counting on past where it stopped
        button("resume", id).click();
        waitFor("the page shows the job running again", d -> status(id).equals("running"));
        assertThat(statusInJobsDb(dir, id)).isIn("running", "queued");
        waitFor("the bar grows past " + pausedAt, d -> barValue(id) > pausedAt);
        assertThat(library.job(id).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        waitFor("a time left shows again, and the counts follow", d -> text(id, "job-eta").matches("(\\d+m )?\\d+s")
                && d.findElement(By.cssSelector("[data-testid=count-running] .count-n")).getText().equals("1"));

        screenshot();

        // 5. Cancel: the page and jobs.db say cancelled, and a retry is offered
        button("cancel", id).click();
        waitFor("the page shows the job cancelled", d -> status(id).equals("cancelled")
                && button("retry", id).isEnabled());
        assertThat(statusInJobsDb(dir, id)).isEqualTo("cancelled");

        // 6. the link in the browser's history grants nothing now
        HttpResponse<String> reused = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(login).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(reused.headers().firstValue("Set-Cookie")).isEmpty();

        // 7. nothing but the loopback endpoint was asked, and the page broke no rule of its CSP
        List<URI> urls = requestedUrls();
        assertThat(urls).as("the tab's requests: the network, or the browser's own pages before ours")
                .allSatisfy(u -> assertThat(u.getScheme()).isIn("http", "https", "ws", "wss", "chrome", "data",
                        "about", "blob"));
        List<URI> network = urls.stream().filter(u -> Set.of("http", "https", "ws", "wss").contains(u.getScheme()))
                .toList();
        assertThat(network).as("the page's network requests").isNotEmpty()
                .anyMatch(u -> u.getPath().equals("/app.js")).anyMatch(u -> u.getPath().equals("/v1/events"))
                .allSatisfy(u -> assertThat(u.getHost()).isIn(LOOPBACK));
        @SuppressWarnings("unchecked")
        List<String> resources = (List<String>) js(
                "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);");
        assertThat(resources).allSatisfy(u -> assertThat(URI.create(u).getHost()).isIn(LOOPBACK));
        assertThat(browserMessages()).noneMatch(m -> m.contains("Content Security Policy"));
    }

    @Test
    void filters_queue_pause_and_retry_work_from_the_page() throws Exception {
        Path dir = temp.resolve("library");
        library = SampleLibraries.builder(dir).controlEndpoint(ControlEndpoint.loopback()).queue("imports", 1).open();
        String failed = library.dispatch("demo.flaky", "{\"failTimes\": 9}",
                DispatchOptions.defaults().withMaxAttempts(1)).id();
        String done = library.dispatch("demo.count", "{\"to\": 3}", DispatchOptions.defaults().withTags("album:7")).id();
        openDashboard(dir);
        waitFor("both jobs show finished", d -> status(failed).equals("failed") && status(done).equals("completed"));

        // the imports queue, paused from the page: a job dispatched into it waits
        driver.findElement(By.cssSelector("[data-testid='pause-queue-imports']")).click();
        waitFor("the queue shows paused", d -> "true".equals(driver.findElement(
                By.cssSelector("[data-testid=queue-row][data-queue=imports]")).getDomAttribute("data-paused")));
        assertThat(library.queues()).anySatisfy(q -> {
            assertThat(q.name()).isEqualTo("imports");
            assertThat(q.paused()).isTrue();
        });
        String waiting = library.dispatch("demo.count", "{\"to\": 3}",
                DispatchOptions.defaults().withQueue("imports")).id();
        waitFor("a job dispatched elsewhere shows up, queued", d -> status(waiting).equals("queued"));

        // filters: by status, then by queue; each shows only what it selects
        select("filter-status", "failed");
        waitFor("only the failed job is listed", d -> listedIds().equals(List.of(failed)));
        select("filter-status", "");
        select("filter-queue", "imports");
        waitFor("only the imports job is listed", d -> listedIds().equals(List.of(waiting)));
        select("filter-queue", "");
        waitFor("every job is listed again", d -> listedIds().size() == 3);
        WebElement tag = driver.findElement(By.id("filter-tag"));
        tag.sendKeys("album:7", org.openqa.selenium.Keys.ENTER);
        waitFor("only the tagged job is listed", d -> listedIds().equals(List.of(done)));
        tag.clear();
        tag.sendKeys(org.openqa.selenium.Keys.ENTER);
        waitFor("every job is listed again", d -> listedIds().size() == 3);

        // the queue resumed from the page: its job runs and completes
        driver.findElement(By.cssSelector("[data-testid='resume-queue-imports']")).click();
        waitFor("the queued job runs to the end", d -> status(waiting).equals("completed"));

        // Retry of the failed job: a new job, shown with what it retries
        button("retry", failed).click();
        waitFor("the retry shows up", d -> listedIds().size() == 4);
        String retry = listedIds().stream().filter(j -> !Set.of(failed, done, waiting).contains(j)).findFirst()
                .orElseThrow();
        assertThat(library.job(retry).orElseThrow().retryOf()).isEqualTo(failed);
        waitFor("it says what it retries", d -> text(retry, "job-note").contains("retry of #"));
    }

    @Test
    void a_used_link_opened_again_shows_the_expired_page_and_grants_nothing() {
        Path dir = temp.resolve("library");
        library = SampleLibraries.builder(dir).controlEndpoint(ControlEndpoint.loopback()).open();
        Cli cli = new Cli(dir);
        String login = cli.run("dashboard", "--no-browser").out().strip();
        driver.get(login);
        waitFor("the page loads", d -> "live".equals(d.findElement(By.id("connection")).getDomAttribute("data-state")));
        driver.manage().deleteAllCookies();

        driver.get(login); // from the history, again

        assertThat(driver.findElement(By.tagName("body")).getText()).contains("expired or was used already");
        assertThat(driver.manage().getCookieNamed("stint_session")).isNull();
        // and without the cookie the page has no access: the API says 401 and the page says so
        driver.get("http://127.0.0.1:" + library.controlUri().orElseThrow().getPort() + "/");
        waitFor("the page says it is signed out", d -> "signed-out".equals(
                d.findElement(By.id("connection")).getDomAttribute("data-state")));
        assertThat(driver.findElement(By.id("notice")).getText()).contains("stint dashboard");
        assertThat(driver.findElements(By.cssSelector("[data-testid=job-row]"))).isEmpty();
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    // ---------------------------------------------------------------- reading the page

    /** Opens the page through a link from {@code stint dashboard}, as a user does. */
    private void openDashboard(Path dir) {
        Cli.Result link = new Cli(dir).run("dashboard", "--no-browser");
        assertThat(link.exitCode()).as("stderr: %s", link.err()).isZero();
        driver.get(link.out().strip());
        waitFor("the connection is live", d -> "live".equals(
                d.findElement(By.id("connection")).getDomAttribute("data-state")));
    }

    /** Picks an option of a filter as a user does (Chromium fires the change event). */
    private void select(String filter, String value) {
        driver.findElement(By.id(filter)).click();
        driver.findElement(By.cssSelector("#" + filter + " option[value='" + value + "']")).click();
    }

    private List<String> listedIds() {
        return driver.findElements(By.cssSelector("[data-testid=job-row]")).stream()
                .map(r -> r.getDomAttribute("data-job-id")).toList();
    }

    /** Polls the page (a tenth of a second apart) until the condition holds; fails naming it and what the page showed. */
    private void waitFor(String what, Function<WebDriver, Boolean> condition) {
        try {
            await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(WebDriverException.class)
                    .until(() -> condition.apply(driver));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + "; the page shows:\n" + safeBodyText(), e);
        }
    }

    private String safeBodyText() {
        try {
            return driver.findElement(By.tagName("body")).getText();
        } catch (RuntimeException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private WebElement row(String id) {
        return driver.findElement(By.cssSelector("[data-testid=job-row][data-job-id='" + id + "']"));
    }

    private String text(String id, String testId) {
        return row(id).findElement(By.cssSelector("[data-testid=" + testId + "]")).getText();
    }

    private String status(String id) {
        return text(id, "job-status");
    }

    private double barValue(String id) {
        WebElement bar = row(id).findElement(By.cssSelector("[data-testid=job-progress]"));
        String value = bar.getDomProperty("value");
        return value == null ? 0 : Double.parseDouble(value);
    }

    private WebElement button(String action, String id) {
        return driver.findElement(By.cssSelector("[data-testid='" + action + "-" + id + "']"));
    }

    private long childrenShown(String parent) {
        return driver.findElements(By.cssSelector("[data-testid=job-row][data-depth='1'][data-parent-id='" + parent
                + "']")).size();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private static String statusInJobsDb(Path dir, String id) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + dir.resolve("jobs.db") + "?mode=ro");
                PreparedStatement s = c.prepareStatement(
                        "SELECT status FROM jobs WHERE id = ? UNION ALL SELECT status FROM job_history WHERE id = ?")) {
            s.setString(1, id);
            s.setString(2, id);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("job %s is in jobs.db", id).isTrue();
                return r.getString(1);
            }
        }
    }

    /** Every URL the tab asked for, from Chromium's DevTools network log. */
    private List<URI> requestedUrls() throws IOException {
        List<URI> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode message = JSON.readTree(entry.getMessage()).path("message");
            if (message.path("method").asText().equals("Network.requestWillBeSent")) {
                urls.add(URI.create(message.path("params").path("request").path("url").asText()));
            }
        }
        return urls;
    }

    private List<String> browserMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** The page as the test left it: target/screenshots/dashboard.png, and docs/images/ when asked. */
    private void screenshot() throws IOException {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(Files.createDirectories(Path.of("target", "screenshots")).resolve("dashboard.png"), png);
        if (Boolean.getBoolean("stint.screenshots.docs")) {
            Path docs = Path.of("..", "docs", "images");
            if (Files.isDirectory(docs)) {
                Files.write(docs.resolve("dashboard.png"), png);
            }
        }
    }
}
