;; Test: takes as much heap as the default limits let a module take, then never returns. Its memory is
;; at the 256-page cap and grown to it a page at a time; its 8 tables (the default maxTables) declare maxima
;; that add up to 65,536 elements (the default maxTableElements) and are grown to them one element at a time,
;; which makes GraalWasm copy each table at every step (garbage for the collector). Then it loops without
;; checking for interruption. Expected: WallTimeExceededException within the limit plus 2 s, even at -Xmx256m
;; with several of these running at once (HeapPressureTest).
(module
  (memory (export "memory") 1 256)
  (table $t0 0 8192 funcref)
  (table $t1 0 8192 funcref)
  (table $t2 0 8192 funcref)
  (table $t3 0 8192 funcref)
  (table $t4 0 8192 funcref)
  (table $t5 0 8192 funcref)
  (table $t6 0 8192 funcref)
  (table $t7 0 8192 funcref)
  (func (export "stint_abi_version") (result i32) (i32.const 1))
  (func (export "stint_alloc") (param i32) (result i32) (i32.const 1024))
  (func (export "stint_run") (param i32 i32 i32 i32) (result i32)
    (block $memfull (loop $pages
      (br_if $memfull (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
      (br $pages)))
    (block $full0 (loop $grow0
      (br_if $full0 (i32.eq (table.grow $t0 (ref.null func) (i32.const 1)) (i32.const -1)))
      (br $grow0)))
    (block $full1 (loop $grow1
      (br_if $full1 (i32.eq (table.grow $t1 (ref.null func) (i32.const 1)) (i32.const -1)))
      (br $grow1)))
    (block $full2 (loop $grow2
      (br_if $full2 (i32.eq (table.grow $t2 (ref.null func) (i32.const 1)) (i32.const -1)))
      (br $grow2)))
    (block $full3 (loop $grow3
      (br_if $full3 (i32.eq (table.grow $t3 (ref.null func) (i32.const 1)) (i32.const -1)))
      (br $grow3)))
    (block $full4 (loop $grow4
      (br_if $full4 (i32.eq (table.grow $t4 (ref.null func) (i32.const 1)) (i32.const -1)))
      (br $grow4)))
    (block $full5 (loop $grow5
      (br_if $full5 (i32.eq (table.grow $t5 (ref.null func) (i32.const 1)) (i32.const -1)))
      (br $grow5)))
    (block $full6 (loop $grow6
      (br_if $full6 (i32.eq (table.grow $t6 (ref.null func) (i32.const 1)) (i32.const -1)))
      (br $grow6)))
    (block $full7 (loop $grow7
      (br_if $full7 (i32.eq (table.grow $t7 (ref.null func) (i32.const 1)) (i32.const -1)))
      (br $grow7)))
    (loop $forever (br $forever))
    (i32.const 0))
)
