;; demo-wasm:trap -- a deliberately broken job: it reports some progress, then executes `unreachable`.
;; The job fails with dev.stint.wasm.WasmTrapException ("... trapped: unreachable"); nothing else is affected.
;;
;; Build: wat2wasm trap.wat -o trap.wasm
(module
  (import "stint" "progress_count" (func $progress_count (param i64 i64)))
  (memory (export "memory") 1 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "stint_abi_version") (result i32) (i32.const 1))
  (func (export "stint_alloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $ptr))
  (func (export "stint_run") (param i32 i32 i32 i32) (result i32)
    (call $progress_count (i64.const 1) (i64.const 2))
    unreachable)
)
