;; demo-wasm:count -- Stint extension ABI v1 example.
;;
;; Arguments (JSON): {"to": N, "checkpointEvery": K, "spin": W}
;;   counts i = 1..N, adding i to a sum; W busy iterations per number (to make a run long);
;;   reports progress after every number and checkpoints (i, sum) every K numbers.
;; State (16 bytes, little endian): i (i64), sum (i64).
;; Output (JSON): {"sum": 1+...+N, "resumedFrom": i of the state it started from (0 when fresh)}
;;
;; Build: wat2wasm count.wat -o count.wasm
(module
  ;; ---- host functions (ABI v1, import module "stint") ----
  (import "stint" "progress_count" (func $progress_count (param i64 i64)))
  (import "stint" "checkpoint" (func $checkpoint (param i32 i32)))
  (import "stint" "interrupted" (func $interrupted (result i32)))
  (import "stint" "set_output" (func $set_output (param i32 i32)))

  ;; 64 KiB initially, at most 1 MiB: a module must declare a maximum.
  (memory (export "memory") 1 16)

  ;; Layout: 0..63 keys, 64..79 checkpoint scratch, 128..255 output buffer, heap from 1024.
  (data (i32.const 0) "to")               ;; 2 bytes at 0
  (data (i32.const 8) "checkpointEvery")  ;; 15 bytes at 8
  (data (i32.const 32) "spin")            ;; 4 bytes at 32
  (data (i32.const 40) "{\"sum\":")       ;; 7 bytes at 40
  (data (i32.const 48) ",\"resumedFrom\":") ;; 15 bytes at 48

  (global $heap (mut i32) (i32.const 1024))
  (global $sink (mut i64) (i64.const 0))

  (func (export "stint_abi_version") (result i32) (i32.const 1))

  ;; Bump allocator: the host asks for room for the arguments and the state before stint_run.
  (func (export "stint_alloc") (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.const 7)) (i32.const -8)))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (block $ok
      (br_if $ok (i32.le_u (local.get $end) (i32.mul (memory.size) (i32.const 65536))))
      (if (i32.eq
            (memory.grow (i32.sub (i32.add (i32.shr_u (local.get $end) (i32.const 16)) (i32.const 1)) (memory.size)))
            (i32.const -1))
        (then (return (i32.const 0)))))
    (global.set $heap (local.get $end))
    (local.get $ptr))

  ;; Finds "key" in the JSON text and parses the unsigned integer after its colon; $default if absent.
  (func $json_u64 (param $p i32) (param $n i32) (param $key i32) (param $klen i32) (param $default i64) (result i64)
    (local $i i32) (local $j i32) (local $end i32) (local $v i64) (local $c i32)
    (local.set $end (i32.add (local.get $p) (local.get $n)))
    (local.set $i (local.get $p))
    (block $notfound
      (loop $scan
        ;; need room for "key" plus a colon
        (br_if $notfound (i32.gt_u (i32.add (local.get $i) (i32.add (local.get $klen) (i32.const 3))) (local.get $end)))
        (block $next
          (br_if $next (i32.ne (i32.load8_u (local.get $i)) (i32.const 34)))            ;; opening quote
          (br_if $next (i32.ne (i32.load8_u (i32.add (i32.add (local.get $i) (local.get $klen)) (i32.const 1)))
                               (i32.const 34)))                                           ;; closing quote
          (local.set $j (i32.const 0))
          (block $differs
            (loop $cmp
              (if (i32.lt_u (local.get $j) (local.get $klen))
                (then
                  (br_if $differs (i32.ne (i32.load8_u (i32.add (i32.add (local.get $i) (i32.const 1)) (local.get $j)))
                                          (i32.load8_u (i32.add (local.get $key) (local.get $j)))))
                  (local.set $j (i32.add (local.get $j) (i32.const 1)))
                  (br $cmp))))
            ;; matched "key": skip blanks, a colon, blanks, then read digits
            (local.set $i (i32.add (local.get $i) (i32.add (local.get $klen) (i32.const 2))))
            (loop $blank1
              (if (i32.and (i32.lt_u (local.get $i) (local.get $end))
                           (i32.le_u (i32.load8_u (local.get $i)) (i32.const 32)))
                (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $blank1))))
            (br_if $next (i32.ge_u (local.get $i) (local.get $end)))
            (br_if $next (i32.ne (i32.load8_u (local.get $i)) (i32.const 58)))                ;; ':'
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (loop $blank2
              (if (i32.and (i32.lt_u (local.get $i) (local.get $end))
                           (i32.le_u (i32.load8_u (local.get $i)) (i32.const 32)))
                (then (local.set $i (i32.add (local.get $i) (i32.const 1))) (br $blank2))))
            (local.set $v (i64.const 0))
            (loop $digits
              (if (i32.lt_u (local.get $i) (local.get $end))
                (then
                  (local.set $c (i32.sub (i32.load8_u (local.get $i)) (i32.const 48)))
                  (if (i32.lt_u (local.get $c) (i32.const 10))
                    (then
                      (local.set $v (i64.add (i64.mul (local.get $v) (i64.const 10)) (i64.extend_i32_u (local.get $c))))
                      (local.set $i (i32.add (local.get $i) (i32.const 1)))
                      (br $digits))))))
            (return (local.get $v)))
          ;; differs: fall through to the next position
        )
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scan)))
    (local.get $default))

  ;; Writes the decimal form of $v at $p, returns the number of bytes written.
  (func $write_u64 (param $p i32) (param $v i64) (result i32)
    (local $len i32) (local $t i64) (local $k i32)
    (local.set $t (local.get $v))
    (loop $count
      (local.set $len (i32.add (local.get $len) (i32.const 1)))
      (local.set $t (i64.div_u (local.get $t) (i64.const 10)))
      (br_if $count (i64.ne (local.get $t) (i64.const 0))))
    (local.set $k (local.get $len))
    (loop $emit
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (i32.store8 (i32.add (local.get $p) (local.get $k))
                  (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $v) (i64.const 10)))))
      (local.set $v (i64.div_u (local.get $v) (i64.const 10)))
      (br_if $emit (i32.gt_u (local.get $k) (i32.const 0))))
    (local.get $len))

  (func $save (param $i i64) (param $sum i64)
    (i64.store (i32.const 64) (local.get $i))
    (i64.store (i32.const 72) (local.get $sum))
    (call $checkpoint (i32.const 64) (i32.const 16)))

  ;; 0 = completed, 1 = stopped after an interruption, 2 = failed (message in set_output)
  (func (export "stint_run") (param $args i32) (param $args_len i32) (param $state i32) (param $state_len i32) (result i32)
    (local $to i64) (local $every i64) (local $spin i64)
    (local $i i64) (local $sum i64) (local $from i64) (local $w i64) (local $acc i64)
    (local $reason i32) (local $out i32)
    (local.set $to (call $json_u64 (local.get $args) (local.get $args_len) (i32.const 0) (i32.const 2) (i64.const 0)))
    (local.set $every (call $json_u64 (local.get $args) (local.get $args_len) (i32.const 8) (i32.const 15) (i64.const 0)))
    (local.set $spin (call $json_u64 (local.get $args) (local.get $args_len) (i32.const 32) (i32.const 4) (i64.const 0)))
    (if (i32.eq (local.get $state_len) (i32.const 16))
      (then
        (local.set $i (i64.load (local.get $state)))
        (local.set $sum (i64.load (i32.add (local.get $state) (i32.const 8))))
        (local.set $from (local.get $i))))
    (block $done
      (loop $numbers
        (br_if $done (i64.ge_u (local.get $i) (local.get $to)))
        (local.set $reason (call $interrupted))
        (if (local.get $reason)
          (then
            ;; pause or shutdown: save exactly where we are; cancel: nothing to keep
            (if (i32.ne (local.get $reason) (i32.const 2))
              (then (call $save (local.get $i) (local.get $sum))))
            (return (i32.const 1))))
        ;; W busy iterations
        (local.set $w (i64.const 0))
        (block $spun
          (loop $spinning
            (br_if $spun (i64.ge_u (local.get $w) (local.get $spin)))
            (local.set $acc (i64.add (i64.mul (local.get $acc) (i64.const 31)) (local.get $w)))
            (local.set $w (i64.add (local.get $w) (i64.const 1)))
            (br $spinning)))
        (local.set $i (i64.add (local.get $i) (i64.const 1)))
        (local.set $sum (i64.add (local.get $sum) (local.get $i)))
        (call $progress_count (local.get $i) (local.get $to))
        (if (i64.gt_u (local.get $every) (i64.const 0))
          (then
            (if (i64.eqz (i64.rem_u (local.get $i) (local.get $every)))
              (then (call $save (local.get $i) (local.get $sum))))))
        (br $numbers)))
    (global.set $sink (local.get $acc))
    ;; {"sum":S,"resumedFrom":C}
    (memory.copy (i32.const 128) (i32.const 40) (i32.const 7))
    (local.set $out (i32.const 135))
    (local.set $out (i32.add (local.get $out) (call $write_u64 (local.get $out) (local.get $sum))))
    (memory.copy (local.get $out) (i32.const 48) (i32.const 15))
    (local.set $out (i32.add (local.get $out) (i32.const 15)))
    (local.set $out (i32.add (local.get $out) (call $write_u64 (local.get $out) (local.get $from))))
    (i32.store8 (local.get $out) (i32.const 125)) ;; '}'
    (local.set $out (i32.add (local.get $out) (i32.const 1)))
    (call $set_output (i32.const 128) (i32.sub (local.get $out) (i32.const 128)))
    (i32.const 0))
)
