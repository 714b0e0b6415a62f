package dev.stint.internal.control;

import static dev.stint.internal.control.ControlFixtures.code;
import static dev.stint.internal.control.ControlFixtures.json;
import static dev.stint.internal.control.ControlFixtures.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stint.DispatchOptions;
import dev.stint.IllegalJobTransitionException;
import dev.stint.InvalidJobArgumentsException;
import dev.stint.JobCounts;
import dev.stint.JobInfo;
import dev.stint.JobNotFoundException;
import dev.stint.JobNotRetryableException;
import dev.stint.JobQuery;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.QueueInfo;
import dev.stint.RemoteLibrary;
import dev.stint.Schedule;
import dev.stint.ScheduleInfo;
import dev.stint.UniquePolicy;
import dev.stint.UnknownJobTypeException;
import dev.stint.UnknownQueueException;
import dev.stint.jobs.CountJob;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route of the control API, through raw HTTP (the wire forms) and through {@link RemoteLibrary}. */
class ControlRoutesTest {
    @TempDir
    Path dir;

    private Library library;
    private RemoteLibrary remote;
    private HttpClient http;
    private URI base;
    private String token;

    @BeforeEach
    void open() throws Exception {
        library = ControlFixtures.open(dir);
        remote = RemoteLibrary.find(dir).orElseThrow();
        http = ControlFixtures.http();
        base = library.controlUri().orElseThrow();
        token = ControlFixtures.token(dir);
    }

    @AfterEach
    void close() {
        remote.close();
        http.close();
        library.close();
    }

    @Test
    void library_route_names_the_folder_the_process_and_the_job_types() throws Exception {
        HttpResponse<String> r = send(http, base, "GET", "/v1/library", token, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        JsonNode o = json(r);
        assertThat(o.path("version").asInt()).isEqualTo(1);
        assertThat(o.path("dir").asText()).isEqualTo(dir.toAbsolutePath().toString());
        assertThat(o.path("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
        assertThat(o.path("jobTypes").findValuesAsText("name")).contains("test.count", "test.slow");
    }

    @Test
    void dispatch_by_name_with_options_answers_201_with_the_stored_job() throws Exception {
        HttpResponse<String> r = send(http, base, "POST", "/v1/jobs", token, """
                {"name":"test.count","arguments":{"to":3},"options":{"queue":"imports","priority":7,
                 "delayMillis":3600000,"maxAttempts":4,"backoffMillis":1000,"timeoutMillis":60000,
                 "uniqueKey":"k1","uniquePolicy":"keep-existing","initiator":"ops"}}""");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode job = json(r);
        assertThat(job.path("name").asText()).isEqualTo("test.count");
        assertThat(job.path("status").asText()).isEqualTo("queued");
        assertThat(job.path("queue").asText()).isEqualTo("imports");
        assertThat(job.path("priority").asInt()).isEqualTo(7);
        assertThat(job.path("maxAttempts").asInt()).isEqualTo(4);
        assertThat(job.path("uniqueKey").asText()).isEqualTo("k1");
        assertThat(job.path("initiator").asText()).isEqualTo("ops");
        assertThat(job.path("runAt").asLong()).isGreaterThan(System.currentTimeMillis() + 3_000_000);
        JobInfo stored = library.job(job.path("id").asText()).orElseThrow();
        assertThat(stored.queue()).isEqualTo("imports");
        assertThat(stored.timeout()).isEqualTo(Duration.ofMinutes(1));
        // the same key again keeps the existing job
        HttpResponse<String> again = send(http, base, "POST", "/v1/jobs", token,
                "{\"name\":\"test.count\",\"arguments\":{\"to\":3},\"options\":{\"queue\":\"imports\","
                        + "\"uniqueKey\":\"k1\"}}");
        assertThat(json(again).path("id").asText()).isEqualTo(job.path("id").asText());
    }

    @Test
    void dispatch_errors_are_typed() throws Exception {
        HttpResponse<String> unknown = send(http, base, "POST", "/v1/jobs", token, "{\"name\":\"nope\"}");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(code(unknown)).isEqualTo("unknown_job_type");
        HttpResponse<String> malformed = send(http, base, "POST", "/v1/jobs", token, "{\"name\":");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(code(malformed)).isEqualTo("malformed_json");
        HttpResponse<String> badArgs = send(http, base, "POST", "/v1/jobs", token,
                "{\"name\":\"test.count\",\"arguments\":{\"noSuchField\":1}}");
        assertThat(code(badArgs)).isEqualTo("invalid_arguments");
        HttpResponse<String> badQueue = send(http, base, "POST", "/v1/jobs", token,
                "{\"name\":\"test.count\",\"options\":{\"queue\":\"nowhere\"}}");
        assertThat(code(badQueue)).isEqualTo("unknown_queue");
        HttpResponse<String> badOption = send(http, base, "POST", "/v1/jobs", token,
                "{\"name\":\"test.count\",\"options\":{\"priority\":\"high\"}}");
        assertThat(badOption.statusCode()).isEqualTo(400);
        assertThat(code(badOption)).isEqualTo("bad_request");
        assertThat(json(badOption).path("error").path("message").asText()).contains("priority");
        assertThat(ControlFixtures.rows(dir, "")).isZero();

        assertThatThrownBy(() -> remote.dispatch("nope", "{}")).isInstanceOf(UnknownJobTypeException.class)
                .hasMessageContaining("nope").hasMessageContaining("test.count");
        assertThatThrownBy(() -> remote.dispatch("test.count", "{\"noSuchField\":1}"))
                .isInstanceOf(InvalidJobArgumentsException.class);
        assertThatThrownBy(() -> remote.dispatch("test.count", "{not json"))
                .isInstanceOf(InvalidJobArgumentsException.class);
        assertThatThrownBy(() -> remote.dispatch("test.count", "{}", DispatchOptions.defaults().withQueue("x")))
                .isInstanceOf(UnknownQueueException.class).hasMessageContaining("imports");
    }

    @Test
    void get_a_job_and_an_unknown_one() throws Exception {
        String id = library.dispatch("test.count", "{\"to\":2}").id();
        HttpResponse<String> r = send(http, base, "GET", "/v1/jobs/" + id, token, null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).path("id").asText()).isEqualTo(id);
        HttpResponse<String> missing = send(http, base, "GET", "/v1/jobs/no-such-id", token, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(code(missing)).isEqualTo("job_not_found");
        assertThat(remote.job("no-such-id")).isEmpty();
        assertThat(remote.job(id).orElseThrow().name()).isEqualTo("test.count");
    }

    @Test
    void the_job_json_is_the_codec_of_the_job_as_the_library_reads_it() throws Exception {
        String id = library.dispatch("test.count", "{\"to\":2}", DispatchOptions.defaults()
                .withDelay(Duration.ofHours(1)).withPriority(3).withInitiator("me")).id();
        library.pause(id);
        JobInfo local = library.job(id).orElseThrow();
        HttpResponse<String> r = send(http, base, "GET", "/v1/jobs/" + id, token, null);
        assertThat(r.body()).isEqualTo(ControlFixtures.MAPPER.writeValueAsString(
                new JobJsonCodec(ControlFixtures.MAPPER).toJson(local)));
        JobInfo back = remote.job(id).orElseThrow();
        assertThat(back.id()).isEqualTo(local.id());
        assertThat(back.status()).isEqualTo(JobStatus.PAUSED);
        assertThat(back.createdAt()).isEqualTo(local.createdAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(back.runAt()).isEqualTo(local.runAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(back.priority()).isEqualTo(3);
        assertThat(back.initiator()).isEqualTo("me");
    }

    @Test
    void query_filters_by_status_name_queue_and_pages() throws Exception {
        for (int i = 0; i < 5; i++) {
            library.dispatch("test.count", "{\"to\":1}", DispatchOptions.defaults().withQueue("imports")
                    .withDelay(Duration.ofHours(1)));
        }
        library.dispatch("test.slow", "{\"gate\":\"q\",\"steps\":1}", DispatchOptions.defaults()
                .withDelay(Duration.ofHours(1)));
        HttpResponse<String> r = send(http, base, "GET", "/v1/jobs?status=queued&name=test.count&queue=imports"
                + "&page=1&size=2", token, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode o = json(r);
        assertThat(o.path("page").asInt()).isEqualTo(1);
        assertThat(o.path("size").asInt()).isEqualTo(2);
        assertThat(o.path("jobs")).hasSize(2);
        assertThat(send(http, base, "GET", "/v1/jobs?size=1001", token, null).statusCode()).isEqualTo(400);
        assertThat(code(send(http, base, "GET", "/v1/jobs?status=bogus", token, null))).isEqualTo("bad_request");
        assertThat(json(send(http, base, "GET", "/v1/jobs", token, null)).path("jobs")).hasSize(6);

        List<JobInfo> page = remote.query(JobQuery.all().withName("test.count").withStatus(JobStatus.QUEUED)
                .page(0, 3));
        assertThat(page).hasSize(3).allSatisfy(j -> assertThat(j.name()).isEqualTo("test.count"));
        assertThat(remote.query(JobQuery.all().withQueue("default"))).hasSize(1);
    }

    @Test
    void counts_route() throws Exception {
        library.dispatch("test.count", "{\"to\":1}", DispatchOptions.defaults().withDelay(Duration.ofHours(1)));
        JsonNode o = json(send(http, base, "GET", "/v1/counts", token, null));
        assertThat(o.path("byStatus").path("queued").asInt()).isEqualTo(1);
        assertThat(o.path("byQueue").path("default").path("queued").asInt()).isEqualTo(1);
        JobCounts counts = remote.counts();
        assertThat(counts.of(JobStatus.QUEUED)).isEqualTo(1);
        assertThat(counts).isEqualTo(library.counts());
    }

    @Test
    void pause_resume_and_cancel_answer_the_job_after_the_change() throws Exception {
        String id = library.dispatch("test.count", "{\"to\":1}", DispatchOptions.defaults()
                .withDelay(Duration.ofHours(1))).id();
        HttpResponse<String> paused = send(http, base, "POST", "/v1/jobs/" + id + "/pause", token, null);
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json(paused).path("status").asText()).isEqualTo("paused");
        assertThat(ControlFixtures.statusInDb(dir, id)).isEqualTo("paused");
        assertThat(json(send(http, base, "POST", "/v1/jobs/" + id + "/resume", token, null)).path("status").asText())
                .isEqualTo("queued");
        assertThat(remote.pause(id).status()).isEqualTo(JobStatus.PAUSED);
        assertThat(remote.resume(id).status()).isEqualTo(JobStatus.QUEUED);
        HttpResponse<String> cancelled = send(http, base, "POST", "/v1/jobs/" + id + "/cancel", token, null);
        assertThat(json(cancelled).path("status").asText()).isEqualTo("cancelled");
        assertThat(ControlFixtures.statusInDb(dir, id)).isEqualTo("cancelled");
        HttpResponse<String> again = send(http, base, "POST", "/v1/jobs/" + id + "/pause", token, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(code(again)).isEqualTo("illegal_transition");
        assertThatThrownBy(() -> remote.resume(id)).isInstanceOf(IllegalJobTransitionException.class)
                .satisfies(e -> assertThat(((IllegalJobTransitionException) e).from()).isEqualTo(JobStatus.CANCELLED));
        assertThatThrownBy(() -> remote.cancel("missing")).isInstanceOf(JobNotFoundException.class);
        assertThat(code(send(http, base, "POST", "/v1/jobs/missing/cancel", token, null))).isEqualTo("job_not_found");
    }

    @Test
    void retry_answers_201_with_the_new_job() throws Exception {
        String id = library.dispatch("test.count", "{\"to\":1}", DispatchOptions.defaults()
                .withDelay(Duration.ofHours(1))).id();
        library.cancel(id);
        HttpResponse<String> r = send(http, base, "POST", "/v1/jobs/" + id + "/retry", token, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String newId = json(r).path("id").asText();
        assertThat(newId).isNotEqualTo(id);
        assertThat(json(r).path("retryOf").asText()).isEqualTo(id);
        HttpResponse<String> active = send(http, base, "POST", "/v1/jobs/" + newId + "/retry", token, null);
        assertThat(active.statusCode()).isEqualTo(409);
        assertThat(code(active)).isEqualTo("not_retryable");
        assertThatThrownBy(() -> remote.retry(newId)).isInstanceOf(JobNotRetryableException.class);
        assertThat(remote.retry(id).retryOf()).isEqualTo(id);
    }

    @Test
    void queues_list_pause_and_resume() throws Exception {
        JsonNode list = json(send(http, base, "GET", "/v1/queues", token, null));
        assertThat(list.path("queues").findValuesAsText("name")).containsExactly("default", "imports");
        HttpResponse<String> paused = send(http, base, "POST", "/v1/queues/imports/pause", token, null);
        assertThat(paused.statusCode()).isEqualTo(200);
        assertThat(json(paused).path("paused").asBoolean()).isTrue();
        assertThat(library.queues()).filteredOn(q -> q.name().equals("imports"))
                .allSatisfy(q -> assertThat(q.paused()).isTrue());
        QueueInfo resumed = remote.resumeQueue("imports");
        assertThat(resumed.paused()).isFalse();
        assertThat(remote.queues()).isEqualTo(library.queues());
        HttpResponse<String> unknown = send(http, base, "POST", "/v1/queues/nowhere/pause", token, null);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(code(unknown)).isEqualTo("unknown_queue");
        assertThatThrownBy(() -> remote.pauseQueue("nowhere")).isInstanceOf(UnknownQueueException.class);
    }

    @Test
    void schedules_route() throws Exception {
        library.schedule("nightly", new CountJob(1, 0, 0, null), Schedule.cron("0 3 * * *"));
        JsonNode o = json(send(http, base, "GET", "/v1/schedules", token, null));
        assertThat(o.path("schedules")).hasSize(1);
        assertThat(o.path("schedules").get(0).path("name").asText()).isEqualTo("nightly");
        assertThat(o.path("schedules").get(0).path("jobName").asText()).isEqualTo("test.count");
        List<ScheduleInfo> schedules = remote.schedules();
        assertThat(schedules).hasSize(1);
        assertThat(schedules.get(0).nextRunAt()).isEqualTo(library.schedules().get(0).nextRunAt());
    }

    @Test
    void unknown_routes_and_methods() throws Exception {
        HttpResponse<String> missing = send(http, base, "GET", "/v1/nothing", token, null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(code(missing)).isEqualTo("not_found");
        HttpResponse<String> method = send(http, base, "DELETE", "/v1/jobs", token, null);
        assertThat(method.statusCode()).isEqualTo(405);
        assertThat(code(method)).isEqualTo("method_not_allowed");
        assertThat(send(http, base, "GET", "/v1/metrics", token, null).statusCode()).isEqualTo(404);
    }

    @Test
    void the_metrics_route_serves_the_given_source_as_json() throws Exception {
        try (Library plain = Library.builder(dir.resolve("plain")).catalog(dev.stint.jobs.TestCatalog.all())
                .useServiceLoader(false).open();
                ControlServer server = ControlServer.start(plain, dev.stint.ControlEndpoint.loopback(),
                        java.util.Map.of(), java.util.Optional.of(() -> java.util.Map.of("dispatched", 3)))) {
            HttpResponse<String> r = send(http, server.uri(), "GET", "/v1/metrics", server.token(), null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(json(r).path("dispatched").asInt()).isEqualTo(3);
            assertThat(send(http, server.uri(), "GET", "/v1/metrics", token, null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void unique_policy_wire_names_round_trip() {
        ApiJson api = new ApiJson(ControlFixtures.MAPPER);
        DispatchOptions options = DispatchOptions.defaults().withUniqueKey("k", UniquePolicy.REPLACE)
                .withRunAt(java.time.Instant.ofEpochMilli(5000)).withInitiator("me");
        JsonNode wire = api.options(options);
        assertThat(wire.path("uniquePolicy").asText()).isEqualTo("replace");
        DispatchOptions back = api.optionsFrom(wire);
        assertThat(back.uniquePolicy()).isEqualTo(UniquePolicy.REPLACE);
        assertThat(back.runAt()).isEqualTo(options.runAt());
        assertThat(back.initiator()).isEqualTo("me");
    }
}
