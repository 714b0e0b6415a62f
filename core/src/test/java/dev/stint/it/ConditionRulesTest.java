package dev.stint.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stint.Condition;
import dev.stint.DispatchOptions;
import dev.stint.JobEvent;
import dev.stint.JobHandle;
import dev.stint.JobInfo;
import dev.stint.JobStatus;
import dev.stint.Library;
import dev.stint.StopReason;
import dev.stint.jobs.ProbeJob;
import dev.stint.jobs.SlowJob;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conditions on a real library: a job waits for its conditions, and stops (to resume) when one stops holding. */
class ConditionRulesTest {
    @TempDir
    Path dir;

    @Test
    void a_job_waits_for_an_app_condition_and_starts_when_it_holds() throws Exception {
        try (Library library = TestLibraries.open(dir)) {
            JobHandle<?> job = library.dispatch(new ProbeJob(0),
                    DispatchOptions.defaults().withConditions(Condition.named("vpn")));
            JobHandle<?> free = library.dispatch(new ProbeJob(0));
            free.result().get(10, TimeUnit.SECONDS);
            JobInfo waiting = library.job(job.id()).orElseThrow();
            assertThat(waiting.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(waiting.waitingFor()).isEqualTo("condition vpn");
            assertThat(waiting.rules().conditions()).containsExactly("vpn");
            // a job held only by a condition that does not hold is not waited for, as a paused one
            assertThat(library.awaitIdle(java.time.Duration.ofSeconds(10))).isTrue();
            library.setCondition("vpn", true);
            job.result().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_running_job_stops_when_its_condition_goes_and_resumes_where_it_was_when_it_returns() throws Exception {
        try (Library library = TestLibraries.open(dir)) {
            library.setCondition("plugged", true);
            LinkedBlockingQueue<JobEvent.StatusChanged> changes = new LinkedBlockingQueue<>();
            library.subscribe(e -> {
                if (e instanceof JobEvent.StatusChanged s) {
                    changes.add(s);
                }
            });
            SlowJob.prepare("cond");
            JobHandle<?> job = library.dispatch(new SlowJob("cond", 3),
                    DispatchOptions.defaults().withConditions(Condition.named("plugged")));
            assertThat(SlowJob.awaitReached("cond")).isTrue();
            library.setCondition("plugged", false);
            // it stops at its next interruption check and waits, queued, for the condition
            JobEvent.StatusChanged stopped;
            do {
                stopped = changes.poll(10, TimeUnit.SECONDS);
                assertThat(stopped).isNotNull();
            } while (!(stopped.from() == JobStatus.RUNNING && stopped.to() == JobStatus.QUEUED));
            JobInfo info = library.job(job.id()).orElseThrow();
            assertThat(info.stopReason()).isEqualTo(StopReason.CONDITION);
            assertThat(info.status()).isEqualTo(JobStatus.QUEUED);
            SlowJob.open("cond");
            library.setCondition("plugged", true);
            assertThat(job.result().get(10, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(library.job(job.id()).orElseThrow().runCount()).isEqualTo(2);
        }
    }

    @Test
    void conditions_flipping_a_thousand_times_lose_nothing_and_run_nothing_twice() throws Exception {
        try (Library library = TestLibraries.builder(dir).concurrency(8).open()) {
            library.setCondition("on", true);
            java.util.List<JobHandle<?>> handles = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                handles.add(library.dispatch(new dev.stint.jobs.CountJob(2_000, 100, 5, null),
                        DispatchOptions.defaults().withConditions(Condition.named("on"))));
            }
            for (int flip = 0; flip < 1_000; flip++) {
                library.setCondition("on", flip % 2 == 1);
            }
            library.setCondition("on", true);
            for (JobHandle<?> h : handles) {
                assertThat(((dev.stint.jobs.CountJob.Result) h.result().get(60, TimeUnit.SECONDS)).sum())
                        .isEqualTo(2_001_000L);
            }
        }
    }
}
