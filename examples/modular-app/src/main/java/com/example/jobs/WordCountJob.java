package com.example.jobs;

import dev.stint.Job;
import dev.stint.JobContext;
import dev.stint.JobType;

/** Counts the words of a text: a job that runs to completion in one go. */
@JobType(name = "example.words", version = 1)
public class WordCountJob implements Job<Integer> {
    String text; // state: the argument

    public WordCountJob() {
    }

    public WordCountJob(String text) {
        this.text = text;
    }

    @Override
    public Integer run(JobContext ctx) {
        ctx.checkInterrupted();
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
