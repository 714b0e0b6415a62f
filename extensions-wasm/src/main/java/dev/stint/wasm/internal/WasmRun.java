package dev.stint.wasm.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.stint.InterruptReason;
import dev.stint.JobContext;
import dev.stint.JobLog;
import dev.stint.wasm.AbiViolationException;
import dev.stint.wasm.ExtensionFailedException;
import dev.stint.wasm.InvalidExtensionException;
import dev.stint.wasm.MemoryLimitException;
import dev.stint.wasm.OutputTooLargeException;
import dev.stint.wasm.StateTooLargeException;
import dev.stint.wasm.WallTimeExceededException;
import dev.stint.wasm.WasmCapability;
import dev.stint.wasm.WasmExtensionException;
import dev.stint.wasm.WasmTrapException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;

/**
 * One run of an extension job: a fresh polyglot context on the shared engine, the module instantiated with
 * exactly the host functions it may import, the arguments and latest state copied into its memory,
 * {@code stint_run} called under a watchdog, and its outcome turned into an output or a typed failure.
 */
final class WasmRun {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Longest log or error text kept; longer texts are cut. */
    static final int MAX_TEXT_BYTES = 8 << 10;
    /** Non-critical errors a run may report; further ones are dropped (and logged once). */
    static final int MAX_ERRORS_PER_RUN = 1000;
    /** Largest {@code random_fill} request. */
    static final int MAX_RANDOM_BYTES = 1 << 20;

    private final ExtensionJob target;
    private final WasmJob job;
    private final JobContext ctx;
    private volatile Watchdog watchdog;
    private Value memory;
    private byte[] output;
    private int errorsReported;

    WasmRun(ExtensionJob target, WasmJob job, JobContext ctx) {
        this.target = target;
        this.job = job;
        this.ctx = ctx;
    }

    /**
     * Runs the module on a platform thread of its own while the job's (virtual) thread waits: interpreting
     * WebAssembly is CPU-bound, and a virtual thread would hold one of the few carrier threads that every
     * other job and the scheduler share. The run first waits for one of its discovery's instance permits
     * ({@code WasmLimits.maxInstances}).
     */
    Object run() throws InterruptedException {
        if (target.rejection() != null) {
            throw target.rejection();
        }
        InstanceGate instances = target.instances();
        instances.acquire(ctx); // given back once the run's context is closed, on the run's own thread
        FutureTask<Object> task = new FutureTask<>(() -> {
            try {
                return execute();
            } finally {
                instances.release();
            }
        });
        try {
            Thread.ofPlatform().daemon().name("stint-wasm-" + ctx.jobId()).start(task);
        } catch (Throwable t) {
            instances.release();
            throw t;
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            // the engine gave up on this run (abandoned at shutdown): stop the module too
            Watchdog w = watchdog;
            if (w != null) {
                w.stopNow();
            }
            throw e;
        }
    }

    private Object execute() {
        Context context = Context.newBuilder("wasm").engine(SharedEngine.get()).build();
        Watchdog watchdog = Watchdog.watch(context, ctx, target.limits().wallTime(), target.limits().stopGrace());
        this.watchdog = watchdog;
        boolean loaded = false;
        try {
            Value exports = context.eval(target.source()).newInstance(imports()).getMember("exports");
            memory = exports.getMember(Abi.EXPORT_MEMORY);
            if (memory == null || !memory.hasBufferElements()) {
                throw new AbiViolationException(target.extensionId(), target.jobName(), target.who()
                        + " does not export its memory as \"memory\", required by ABI v1");
            }
            loaded = true;
            int version = intResult(exports.getMember(Abi.EXPORT_ABI_VERSION).execute(), Abi.EXPORT_ABI_VERSION);
            if (version != Abi.VERSION) {
                throw new AbiViolationException(target.extensionId(), target.jobName(), target.who() + " implements ABI version "
                        + version + " (" + Abi.EXPORT_ABI_VERSION + " returned " + version + "); this Stint implements ABI "
                        + "version " + Abi.VERSION);
            }
            byte[] args = job.arguments().getBytes(StandardCharsets.UTF_8);
            byte[] state = job.state();
            Value alloc = exports.getMember(Abi.EXPORT_ALLOC);
            long argsPtr = place(alloc, args, "arguments");
            long statePtr = place(alloc, state, "state");
            Value status = exports.getMember(Abi.EXPORT_RUN).execute((int) argsPtr, args.length, (int) statePtr,
                    state.length);
            watchdog.finish();
            return outcome(intResult(status, Abi.EXPORT_RUN));
        } catch (PolyglotException e) {
            watchdog.finish();
            throw translate(e, watchdog, loaded);
        } catch (StackOverflowError e) {
            watchdog.finish();
            throw outOfStack(e);
        } finally {
            watchdog.finish();
            try {
                context.close();
            } catch (PolyglotException | IllegalStateException e) {
                // already cancelled by the watchdog
            }
        }
    }

    private Object outcome(int status) {
        switch (status) {
            case Abi.RUN_COMPLETED -> {
                if (output == null) {
                    return null;
                }
                try {
                    return JSON.readValue(output, Object.class);
                } catch (IOException e) {
                    throw new AbiViolationException(target.extensionId(), target.jobName(), target.who()
                            + " completed with an output that is not valid JSON: " + e.getMessage().lines().findFirst()
                            .orElse(""), e);
                }
            }
            case Abi.RUN_STOPPED -> {
                ctx.checkInterrupted(); // records pause, cancel or shutdown, with the last checkpointed state
                throw new AbiViolationException(target.extensionId(), target.jobName(), target.who()
                        + " returned 1 (stopped) from stint_run, but no pause, cancel or shutdown was asked");
            }
            case Abi.RUN_FAILED -> {
                String message = output == null ? "(the module set no message)" : text(output);
                throw new ExtensionFailedException(target.extensionId(), target.jobName(), target.dispatchName()
                        + " failed: " + message);
            }
            default -> throw new AbiViolationException(target.extensionId(), target.jobName(), target.who()
                    + " returned " + status + " from stint_run; ABI v1 defines 0 (completed), 1 (stopped after an "
                    + "interruption) and 2 (failed)");
        }
    }

    private RuntimeException translate(PolyglotException e, Watchdog watchdog, boolean loaded) {
        Watchdog.Reason killed = watchdog.reason();
        if (e.isHostException()) {
            Throwable host = e.asHostException();
            if (host instanceof RuntimeException re) {
                return re; // our typed failures, JobInterruptedException, StorageException...
            }
            if (host instanceof StackOverflowError overflow) {
                return outOfStack(overflow);
            }
            if (host instanceof Error err) {
                throw err;
            }
            return new IllegalStateException(host);
        }
        if (killed == Watchdog.Reason.WALL_TIME) {
            return new WallTimeExceededException(target.extensionId(), target.jobName(), target.who()
                    + " ran longer than its wall-time limit of " + seconds(target.limits().wallTime())
                    + " and was stopped (" + watchdog.sinceDeadline().toMillis() + " ms after the limit)");
        }
        if (killed == Watchdog.Reason.STOP_GRACE || killed == Watchdog.Reason.ABANDONED) {
            ctx.checkInterrupted(); // the job was asked to stop and did not in time: record it as asked
        }
        if (e.isCancelled() || e.isInterrupted()) {
            return new WasmTrapException(target.extensionId(), target.jobName(), target.who()
                    + " was cancelled: " + e.getMessage(), e);
        }
        if (!loaded && !e.isResourceExhausted()) {
            return new InvalidExtensionException(target.extensionId(), target.jobName(), target.who()
                    + " could not be instantiated: " + e.getMessage(), e);
        }
        return new WasmTrapException(target.extensionId(), target.jobName(), target.who() + " trapped: "
                + e.getMessage(), e);
    }

    /** A module that recursed until a host call it made had no stack left: a trap of the module's own. */
    private WasmTrapException outOfStack(StackOverflowError e) {
        return new WasmTrapException(target.extensionId(), target.jobName(), target.who()
                + " trapped: it ran out of stack (its calls nest too deep); its latest committed checkpoint is kept", e);
    }

    // ---- memory ----

    private long place(Value alloc, byte[] bytes, String what) {
        if (bytes.length == 0) {
            return 0;
        }
        Value p = alloc.execute(bytes.length);
        long ptr = Integer.toUnsignedLong(intResult(p, Abi.EXPORT_ALLOC));
        if (ptr == 0) {
            throw new MemoryLimitException(target.extensionId(), target.jobName(), target.who() + ": stint_alloc("
                    + bytes.length + ") returned 0: the module could not make room for its " + what);
        }
        checkRange(Abi.EXPORT_ALLOC + " result", ptr, bytes.length);
        int i = 0;
        for (; i + 8 <= bytes.length; i += 8) {
            memory.writeBufferLong(ByteOrder.LITTLE_ENDIAN, ptr + i, (long) LONG_LE.get(bytes, i));
        }
        for (; i < bytes.length; i++) {
            memory.writeBufferByte(ptr + i, bytes[i]);
        }
        return ptr;
    }

    private byte[] read(String fn, Value ptrArg, long len) {
        long ptr = Integer.toUnsignedLong(ptrArg.asInt());
        checkRange(fn, ptr, len);
        byte[] out = new byte[(int) len];
        memory.readBuffer(ptr, out, 0, (int) len);
        return out;
    }

    private void checkRange(String fn, long ptr, long len) {
        long size = memory.getBufferSize();
        if (ptr + len > size) {
            throw new AbiViolationException(target.extensionId(), target.jobName(), target.who() + ": " + fn
                    + " was given " + len + " bytes at address " + ptr + ", outside its memory of " + size + " bytes");
        }
    }

    private static long unsignedLen(Value lenArg) {
        return Integer.toUnsignedLong(lenArg.asInt());
    }

    // ---- host functions ----

    private Object imports() {
        Map<String, Object> fns = new HashMap<>();
        fns.put("progress_count", (ProxyExecutable) a -> {
            ctx.reportCount(a[0].asLong(), a[1].asLong());
            return null;
        });
        fns.put("progress_percent", (ProxyExecutable) a -> {
            ctx.reportPercent(a[0].asDouble());
            return null;
        });
        fns.put("progress_bytes", (ProxyExecutable) a -> {
            ctx.reportBytes(a[0].asLong(), a[1].asLong());
            return null;
        });
        fns.put("checkpoint", (ProxyExecutable) a -> {
            checkpoint(a);
            return null;
        });
        fns.put("interrupted", (ProxyExecutable) a -> interruptCode());
        fns.put("log", (ProxyExecutable) a -> {
            log(a[0].asInt(), text(read("log", a[1], cut(a[2]))));
            return null;
        });
        fns.put("report_error", (ProxyExecutable) a -> {
            reportError(text(read("report_error", a[0], cut(a[1]))));
            return null;
        });
        fns.put("set_output", (ProxyExecutable) a -> {
            long len = unsignedLen(a[1]);
            if (len > target.limits().maxOutputBytes()) {
                throw new OutputTooLargeException(target.extensionId(), target.jobName(), target.who()
                        + " set an output of " + len + " bytes, over its limit of " + target.limits().maxOutputBytes()
                        + " bytes");
            }
            output = read("set_output", a[0], len);
            return null;
        });
        if (target.capabilities().contains(WasmCapability.CLOCK)) {
            fns.put("clock_millis", (ProxyExecutable) a -> System.currentTimeMillis());
            fns.put("monotonic_nanos", (ProxyExecutable) a -> System.nanoTime());
        }
        if (target.capabilities().contains(WasmCapability.RANDOM)) {
            fns.put("random_fill", (ProxyExecutable) a -> {
                long ptr = Integer.toUnsignedLong(a[0].asInt());
                long len = unsignedLen(a[1]);
                if (len > MAX_RANDOM_BYTES) {
                    throw new AbiViolationException(target.extensionId(), target.jobName(), target.who()
                            + ": random_fill asked for " + len + " bytes; at most " + MAX_RANDOM_BYTES + " per call");
                }
                checkRange("random_fill", ptr, len);
                byte[] bytes = new byte[(int) len];
                RANDOM.nextBytes(bytes);
                for (int i = 0; i < bytes.length; i++) {
                    memory.writeBufferByte(ptr + i, bytes[i]);
                }
                return null;
            });
        }
        return ProxyObject.fromMap(Map.of(Abi.IMPORT_MODULE, ProxyObject.fromMap(fns)));
    }

    private void checkpoint(Value[] a) {
        long len = unsignedLen(a[1]);
        if (len > target.limits().maxStateBytes()) {
            throw new StateTooLargeException(target.extensionId(), target.jobName(), target.who()
                    + " tried to checkpoint " + len + " bytes of state, over its limit of "
                    + target.limits().maxStateBytes() + " bytes");
        }
        byte[] state = read("checkpoint", a[0], len);
        byte[] previous = job.state();
        job.setState(state);
        try {
            ctx.checkpoint(); // returns once committed
        } catch (RuntimeException e) {
            job.setState(previous);
            throw e;
        }
    }

    private int interruptCode() {
        InterruptReason r = ctx.interruptRequested().orElse(null);
        if (r == null) {
            return Abi.INTERRUPT_NONE;
        }
        return switch (r) {
            case PAUSE -> Abi.INTERRUPT_PAUSE;
            case CANCEL -> Abi.INTERRUPT_CANCEL;
            // modules treat any other non-zero value like SHUTDOWN (Abi): a lost condition stops them the same way
            case SHUTDOWN, CONDITION -> Abi.INTERRUPT_SHUTDOWN;
            case TIMEOUT -> Abi.INTERRUPT_TIMEOUT;
        };
    }

    /**
     * The module's {@code log}: through the job's own log ({@link JobContext#log()}), so the library's log budget
     * (lines per run and per job, line length, rate) covers it like a Java job's lines, and what it drops is
     * counted and reported. The job's log escapes control characters, the job's name and id included.
     */
    private void log(int level, String message) {
        JobLog jobLog = ctx.log();
        String who = target.dispatchName();
        switch (level) {
            case Abi.LOG_DEBUG -> jobLog.debug("[{} {}] {}", who, ctx.jobId(), message);
            case Abi.LOG_INFO -> jobLog.info("[{} {}] {}", who, ctx.jobId(), message);
            case Abi.LOG_WARN -> jobLog.warn("[{} {}] {}", who, ctx.jobId(), message);
            case Abi.LOG_ERROR -> jobLog.error("[{} {}] {}", who, ctx.jobId(), message);
            default -> throw new AbiViolationException(target.extensionId(), target.jobName(), target.who()
                    + " called log with level " + level + "; ABI v1 defines 0 (debug), 1 (info), 2 (warn), 3 (error)");
        }
    }

    private void reportError(String message) {
        errorsReported++;
        if (errorsReported <= MAX_ERRORS_PER_RUN) {
            ctx.reportNonCriticalError(message);
        } else if (errorsReported == MAX_ERRORS_PER_RUN + 1) {
            ctx.log().warn("[{} {}] more than {} non-critical errors in one run; further ones are dropped",
                    target.dispatchName(), ctx.jobId(), MAX_ERRORS_PER_RUN);
        }
    }

    /** A length argument capped to the text limit (longer texts are cut, not rejected). */
    private static long cut(Value len) {
        return Math.min(unsignedLen(len), MAX_TEXT_BYTES);
    }

    private static String text(byte[] utf8) {
        StringBuilder sb = new StringBuilder(new String(utf8, StandardCharsets.UTF_8));
        for (int i = 0; i < sb.length(); i++) {
            char c = sb.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                sb.setCharAt(i, '\uFFFD');
            }
        }
        return sb.toString();
    }

    private int intResult(Value v, String fn) {
        if (v == null || !v.fitsInInt()) {
            throw new AbiViolationException(target.extensionId(), target.jobName(), target.who() + ": " + fn
                    + " returned " + v + " instead of an i32");
        }
        return v.asInt();
    }

    private static String seconds(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
