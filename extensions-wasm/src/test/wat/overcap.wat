;; Test: a memory maximum of 4 GiB, over the default 16 MiB cap. Expected: MemoryLimitException.
(module
  (memory (export "memory") 1 65536)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "stint_abi_version") (result i32) (i32.const 1))
  (func (export "stint_alloc") (param $size i32) (result i32)
    (local $ptr i32)
    (local.set $ptr (global.get $heap))
    (global.set $heap (i32.add (global.get $heap) (local.get $size)))
    (local.get $ptr))
  (func (export "stint_run") (param i32 i32 i32 i32) (result i32) (i32.const 0))
)
