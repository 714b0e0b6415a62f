;; Test: the issue's log flood. Logs 20,000 lines of 8 KiB at info level (each starting with an ESC), then
;; completes with no output.
(module
  (import "stint" "log" (func $log (param i32 i32 i32)))
  (memory (export "memory") 1 1)
  (global $heap (mut i32) (i32.const 16384))
  (func (export "stint_abi_version") (result i32) (i32.const 1))
  (func (export "stint_alloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $ptr))
  (func (export "stint_run") (param i32 i32 i32 i32) (result i32)
    (local $i i32)
    ;; 8,192 bytes of 'A' at 1024, the first one ESC
    (local.set $i (i32.const 0))
    (block $filled
      (loop $fill
        (br_if $filled (i32.ge_u (local.get $i) (i32.const 8192)))
        (i32.store8 (i32.add (i32.const 1024) (local.get $i)) (i32.const 65))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $fill)))
    (i32.store8 (i32.const 1024) (i32.const 27))
    (local.set $i (i32.const 0))
    (block $done
      (loop $again
        (br_if $done (i32.ge_u (local.get $i) (i32.const 20000)))
        (call $log (i32.const 1) (i32.const 1024) (i32.const 8192))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $again)))
    (i32.const 0))
)
