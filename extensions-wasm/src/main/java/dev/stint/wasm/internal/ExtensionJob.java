package dev.stint.wasm.internal;

import dev.stint.wasm.WasmCapability;
import dev.stint.wasm.WasmExtensionException;
import dev.stint.wasm.WasmLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * One job of a discovered extension: its module's bytes, its effective limits and capabilities, and, when
 * it cannot run, the typed reason (its jobs then fail with that reason instead of being unknown).
 */
public final class ExtensionJob {
    private final String extensionId;
    private final String jobName;
    private final int version;
    private final boolean resumable;
    private final String moduleName;
    private final String location;
    private final byte[] module;
    private final WasmLimits limits;
    private final Set<WasmCapability> capabilities;
    private final WasmExtensionException rejection;
    private final InstanceGate instances;
    private volatile Source source;

    ExtensionJob(String extensionId, String jobName, int version, boolean resumable, String moduleName, String location,
            byte[] module, WasmLimits limits, Set<WasmCapability> capabilities, WasmExtensionException rejection,
            InstanceGate instances) {
        this.extensionId = extensionId;
        this.jobName = jobName;
        this.version = version;
        this.resumable = resumable;
        this.moduleName = moduleName;
        this.location = location;
        this.module = module;
        this.limits = limits;
        this.capabilities = Set.copyOf(capabilities);
        this.rejection = rejection;
        this.instances = instances;
    }

    /** {@code extensionId:jobName}, the name jobs are dispatched and stored by. */
    public String dispatchName() {
        return extensionId + ":" + jobName;
    }

    public String extensionId() {
        return extensionId;
    }

    public String jobName() {
        return jobName;
    }

    public int version() {
        return version;
    }

    public boolean resumable() {
        return resumable;
    }

    /** The module's file name, relative to the descriptor. */
    public String moduleName() {
        return moduleName;
    }

    /** Where the descriptor was found. */
    public String location() {
        return location;
    }

    public WasmLimits limits() {
        return limits;
    }

    public Set<WasmCapability> capabilities() {
        return capabilities;
    }

    /** Why this job cannot run, or null. */
    public WasmExtensionException rejection() {
        return rejection;
    }

    /** The instances its discovery may have alive at once, shared by all of that discovery's jobs. */
    InstanceGate instances() {
        return instances;
    }

    /** {@code ext:job (module count.wasm)}, for messages. */
    String who() {
        return dispatchName() + " (module " + moduleName + ")";
    }

    /** The module as a polyglot source, built once (the shared engine then caches its parse). */
    Source source() {
        Source s = source;
        if (s == null) {
            synchronized (this) {
                s = source;
                if (s == null) {
                    try {
                        s = Source.newBuilder("wasm", ByteSequence.create(module), dispatchName()).build();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    source = s;
                }
            }
        }
        return s;
    }
}
