package com.example.app;

import com.example.jobs.WordCountJob;
import dev.stint.JobHandle;
import dev.stint.Library;
import java.nio.file.Path;

/** The smallest app: opens a library, dispatches one job and prints its output. */
public final class Hello {
    public static void main(String[] args) {
        Path folder = Path.of(args.length > 0 ? args[0] : "jobs"); // the library folder: yours to choose
        try (Library library = Library.builder(folder).open()) {
            JobHandle<Integer> handle = library.dispatch(new WordCountJob("resumable jobs for desktop apps"));
            System.out.println("words: " + handle.result().join());
        }
    }
}
