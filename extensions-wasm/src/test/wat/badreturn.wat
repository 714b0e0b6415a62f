;; Test: stint_run returns 7, a status ABI v1 does not define. Expected: AbiViolationException.
(module
  (memory (export "memory") 1 1)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "stint_abi_version") (result i32) (i32.const 1))
  (func (export "stint_alloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $ptr))
  (func (export "stint_run") (param i32 i32 i32 i32) (result i32) (i32.const 7))
)
