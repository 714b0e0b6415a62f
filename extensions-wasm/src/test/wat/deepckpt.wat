;; Hostile: recurses without end and checkpoints every 8 frames, so the stack runs out in the middle of a
;; checkpoint host call (the writer must stay healthy). Its state is the depth of its latest checkpoint.
(module
  (import "stint" "checkpoint" (func $checkpoint (param i32 i32)))
  (memory (export "memory") 1 1)
  (global $next (mut i32) (i32.const 1024))

  (func (export "stint_abi_version") (result i32) (i32.const 1))

  (func (export "stint_alloc") (param $size i32) (result i32)
    (global.get $next)
    (global.set $next (i32.add (global.get $next) (local.get $size))))

  (func $dive (param $depth i32)
    (if (i32.eqz (i32.and (local.get $depth) (i32.const 7)))
      (then
        (i32.store (i32.const 0) (local.get $depth))
        (call $checkpoint (i32.const 0) (i32.const 4))))
    (call $dive (i32.add (local.get $depth) (i32.const 1))))

  (func (export "stint_run") (param i32 i32 i32 i32) (result i32)
    (call $dive (i32.const 1))
    (i32.const 0))
)
