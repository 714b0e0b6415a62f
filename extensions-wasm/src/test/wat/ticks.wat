;; The example of docs/extensions.md: counts 100 ticks, checkpointing every 10, and outputs {"ticks":100}.
(module
  (import "stint" "progress_count" (func $progress (param i64 i64)))
  (import "stint" "checkpoint" (func $checkpoint (param i32 i32)))
  (import "stint" "interrupted" (func $interrupted (result i32)))
  (import "stint" "set_output" (func $set_output (param i32 i32)))

  (memory (export "memory") 1 1)                 ;; 64 KiB, and never more
  (data (i32.const 16) "{\"ticks\":100}")         ;; the output, 13 bytes at 16
  (global $next (mut i32) (i32.const 1024))      ;; bump allocator for the host's copies

  (func (export "stint_abi_version") (result i32) (i32.const 1))

  (func (export "stint_alloc") (param $size i32) (result i32)
    (global.get $next)
    (global.set $next (i32.add (global.get $next) (local.get $size))))

  ;; state: 4 bytes, the number of ticks done (little endian)
  (func (export "stint_run") (param $args i32) (param $args_len i32) (param $state i32) (param $state_len i32)
                             (result i32)
    (local $i i32)
    (if (i32.eq (local.get $state_len) (i32.const 4))
      (then (local.set $i (i32.load (local.get $state)))))     ;; resume where the checkpoint says
    (block $done
      (loop $tick
        (br_if $done (i32.ge_u (local.get $i) (i32.const 100)))
        (if (call $interrupted)                                ;; pause, cancel or shutdown asked
          (then
            (i32.store (i32.const 0) (local.get $i))
            (call $checkpoint (i32.const 0) (i32.const 4))      ;; keep our place (ignored on cancel)
            (return (i32.const 1))))                           ;; 1 = stopped
        (local.set $i (i32.add (local.get $i) (i32.const 1)))  ;; ... one unit of real work here ...
        (call $progress (i64.extend_i32_u (local.get $i)) (i64.const 100))
        (if (i32.eqz (i32.rem_u (local.get $i) (i32.const 10)))
          (then
            (i32.store (i32.const 0) (local.get $i))
            (call $checkpoint (i32.const 0) (i32.const 4))))    ;; committed when it returns
        (br $tick)))
    (call $set_output (i32.const 16) (i32.const 13))
    (i32.const 0))                                             ;; 0 = completed
)
