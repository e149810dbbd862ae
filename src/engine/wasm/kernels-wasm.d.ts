// Types of the module scripts/build-wasm.mjs generates from kernels.as.ts (kernels-wasm.js, not committed).
/** The compiled kernels (WebAssembly binary), base64. */
export declare const kernelsWasmBase64: string;
