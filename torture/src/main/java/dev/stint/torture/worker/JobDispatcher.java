package dev.stint.torture.worker;

import dev.stint.DispatchOptions;
import dev.stint.Job;
import dev.stint.JobHandle;
import dev.stint.Library;
import dev.stint.UniquePolicy;
import dev.stint.torture.JobSpec;
import dev.stint.torture.jobs.BatchJob;
import dev.stint.torture.jobs.CountJob;
import dev.stint.torture.jobs.StepsJob;
import dev.stint.torture.jobs.TreeJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Turns a {@link JobSpec} into a dispatch, logging the intent before it and the ids after it. */
final class JobDispatcher {
    /** The WASM job of the demo extension. */
    static final String WASM_JOB = "demo-wasm:count";

    private final Library library;
    private final DispatchLog log;
    private final Announcer announcer;

    JobDispatcher(Library library, DispatchLog log, Announcer announcer) {
        this.library = library;
        this.log = log;
        this.announcer = announcer;
    }

    /** Dispatches one spec; returns once it is committed. */
    void dispatch(JobSpec spec) {
        log.intent(spec);
        announcer.line("INTENT " + spec.token());
        List<String> ids = switch (spec.kind()) {
            case COUNT -> one(library.dispatch(count(spec, 0), options(spec)));
            case FLAKY -> {
                int fail = (int) spec.num("fail");
                yield one(library.dispatch(count(spec, fail), options(spec).withMaxAttempts(fail + 1)
                        .withBackoff(Duration.ofMillis(50))));
            }
            case TIMED -> one(library.dispatch(count(spec, 0), options(spec)
                    .withTimeout(Duration.ofMillis(spec.num("timeout"))).withMaxAttempts(2)
                    .withBackoff(Duration.ofMillis(50))));
            case DELAYED -> one(library.dispatch(count(spec, 0),
                    options(spec).withDelay(Duration.ofMillis(spec.num("delay")))));
            case UNIQUE -> one(library.dispatch(count(spec, 0), options(spec)
                    .withUniqueKey(spec.text("key"), UniquePolicy.valueOf(spec.text("policy")))));
            case STEPS -> one(library.dispatch(new StepsJob((int) spec.num("steps"), spec.num("sleep")), options(spec)));
            case BATCH -> one(library.dispatch(new BatchJob((int) spec.num("items"), (int) spec.num("chunk"),
                    spec.num("sleep")), options(spec)));
            case TREE -> one(library.dispatch(new TreeJob((int) spec.num("children"), spec.num("childTo"),
                    spec.num("sleep")), options(spec)));
            case GROUP -> {
                List<Job<?>> jobs = new ArrayList<>();
                for (int i = 0; i < spec.num("n"); i++) {
                    jobs.add(count(spec, 0));
                }
                List<String> out = new ArrayList<>();
                for (JobHandle<Object> h : library.dispatchAll(jobs, options(spec))) {
                    out.add(h.id());
                }
                yield out;
            }
            case RULED -> one(library.dispatch(count(spec, 0), ruled(spec, options(spec))));
            case WASM -> one(library.dispatch(WASM_JOB, "{\"to\": " + spec.num("to") + ", \"checkpointEvery\": "
                    + spec.num("every") + ", \"spin\": " + spec.num("spin") + "}", options(spec)));
        };
        log.ack(spec.token(), ids);
        announcer.line("ACK " + spec.token() + " " + spec.kind().wire() + " " + String.join(",", ids));
    }

    private static CountJob count(JobSpec spec, int failAttempts) {
        return new CountJob(spec.num("to"), spec.num("every"), spec.num("sleep"), failAttempts);
    }

    private static DispatchOptions options(JobSpec spec) {
        return DispatchOptions.defaults().withInitiator(spec.token());
    }

    /** The run rules of a {@link Kind#RULED} dispatch: a resource, a concurrency key, a rate limit, a tag. */
    private DispatchOptions ruled(JobSpec spec, DispatchOptions options) {
        dev.stint.Resource.Mode mode = spec.num("write") == 1 ? dev.stint.Resource.Mode.WRITE : dev.stint.Resource.Mode.READ;
        int res = (int) spec.num("res");
        dev.stint.Resource resource = switch (res) {
            case 0 -> dev.stint.Resource.key("db", mode);
            case 1 -> dev.stint.Resource.key("cache", mode);
            case 2 -> dev.stint.Resource.path(library.dir().resolve("shared"), mode);
            default -> dev.stint.Resource.path(library.dir().resolve("shared/inner"), mode);
        };
        return options.withResources(resource).withConcurrencyKey("c" + spec.num("key"), (int) spec.num("limit"))
                .withRateLimit("torture", 20, Duration.ofSeconds(1)).withTags("ruled", "res" + res);
    }

    private static List<String> one(JobHandle<?> handle) {
        return List.of(handle.id());
    }
}
