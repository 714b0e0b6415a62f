/*
 * sum.c -- a Stint extension job written in C against ABI v1 (see docs/extensions.md).
 *
 * Arguments {"to": N}; sums 1..N, checkpointing every 1000 numbers; output {"sum": S, "resumedFrom": C}.
 * No libc: the module imports nothing but Stint's host functions.
 *
 * Build (clang 14+ with lld; Debian: apt-get install clang lld):
 *   clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry \
 *         -Wl,--export=stint_abi_version -Wl,--export=stint_alloc -Wl,--export=stint_run \
 *         -Wl,--max-memory=1048576 -o sum.wasm sum.c
 */
#include <stdint.h>

#define STINT_IMPORT(name) __attribute__((import_module("stint"), import_name(name)))

STINT_IMPORT("progress_count") void progress_count(int64_t done, int64_t total);
STINT_IMPORT("checkpoint") void checkpoint(const void *state, uint32_t len);
STINT_IMPORT("interrupted") int32_t interrupted(void);
STINT_IMPORT("set_output") void set_output(const void *bytes, uint32_t len);

enum { RUN_COMPLETED = 0, RUN_STOPPED = 1, RUN_FAILED = 2, INTERRUPT_CANCEL = 2 };

extern unsigned char __heap_base; /* provided by wasm-ld: the first free byte after data and stack */
static uintptr_t heap = (uintptr_t)&__heap_base;

int32_t stint_abi_version(void) { return 1; }

/* The host asks for room for the arguments and the state before it calls stint_run. */
void *stint_alloc(uint32_t size) {
    uintptr_t p = (heap + 7) & ~(uintptr_t)7;
    uintptr_t end = p + size;
    uintptr_t have = __builtin_wasm_memory_size(0) * 65536;
    if (end > have && __builtin_wasm_memory_grow(0, (end - have + 65535) / 65536) == (uintptr_t)-1) {
        return 0;
    }
    heap = end;
    return (void *)p;
}

/* The unsigned integer after "key": in a flat JSON object, or 0. Enough for a demo. */
static int64_t json_u64(const char *json, uint32_t len, const char *key) {
    uint32_t klen = 0;
    while (key[klen]) klen++;
    for (uint32_t i = 0; i + klen + 2 < len; i++) {
        if (json[i] != '"' || json[i + klen + 1] != '"') continue;
        uint32_t k = 0;
        while (k < klen && json[i + 1 + k] == key[k]) k++;
        if (k != klen) continue;
        uint32_t j = i + klen + 2;
        while (j < len && (json[j] == ' ' || json[j] == ':')) j++;
        int64_t v = 0;
        while (j < len && json[j] >= '0' && json[j] <= '9') v = v * 10 + (json[j++] - '0');
        return v;
    }
    return 0;
}

static uint32_t put_text(char *out, const char *s) {
    uint32_t n = 0;
    while (s[n]) { out[n] = s[n]; n++; }
    return n;
}

static uint32_t put_u64(char *out, uint64_t v) {
    char digits[20];
    uint32_t n = 0, i = 0;
    do { digits[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) out[i++] = digits[--n];
    return i;
}

struct state { int64_t next; int64_t sum; };

int32_t stint_run(const char *args, uint32_t args_len, const struct state *saved, uint32_t saved_len) {
    int64_t to = json_u64(args, args_len, "to");
    struct state s = { 0, 0 };
    if (saved_len == sizeof s) { s.next = saved->next; s.sum = saved->sum; }
    int64_t resumed_from = s.next;
    while (s.next < to) {
        int32_t why = interrupted();
        if (why) {
            if (why != INTERRUPT_CANCEL) checkpoint(&s, sizeof s); /* pause or shutdown: keep our place */
            return RUN_STOPPED;
        }
        s.next++;
        s.sum += s.next;
        progress_count(s.next, to);
        if (s.next % 1000 == 0) checkpoint(&s, sizeof s); /* committed when it returns */
    }
    static char out[64];
    uint32_t n = put_text(out, "{\"sum\":");
    n += put_u64(out + n, (uint64_t)s.sum);
    n += put_text(out + n, ",\"resumedFrom\":");
    n += put_u64(out + n, (uint64_t)resumed_from);
    out[n++] = '}';
    set_output(out, n);
    return RUN_COMPLETED;
}
