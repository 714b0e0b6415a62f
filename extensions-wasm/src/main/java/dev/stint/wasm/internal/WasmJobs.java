package dev.stint.wasm.internal;

import dev.stint.spi.JobDescriptor;

/** Job descriptors for extension jobs: one class, {@link WasmJob}, serving every dispatch name. */
public final class WasmJobs {
    private WasmJobs() {
    }

    /** The engine's descriptor of one extension job; dispatch by name builds a {@link WasmJob}. */
    public static JobDescriptor descriptor(ExtensionJob job) {
        return new JobDescriptor(job.dispatchName(), job.version(), job.resumable(), WasmJob.class, Object.class,
                json -> WasmJob.fromArguments(job, json));
    }
}
