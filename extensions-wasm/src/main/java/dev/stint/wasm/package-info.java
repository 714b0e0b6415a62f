/**
 * WebAssembly extension jobs for Stint: discover extensions ({@link dev.stint.wasm.WasmExtensions}), bound
 * them ({@link dev.stint.wasm.WasmLimits}), grant them capabilities ({@link dev.stint.wasm.WasmCapability}),
 * and recognise their typed failures ({@link dev.stint.wasm.WasmExtensionException} and its subtypes).
 * The ABI that modules implement is documented in {@code docs/extensions.md}.
 */
package dev.stint.wasm;
