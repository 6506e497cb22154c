// compiler.js - goalc's WebAssembly (build/wasm/goalc.js, made by emcc
// from libgoalc and compiler/web/web_api.c) behind one call.  The .wasm
// bytes are inside the page (wasm-binary.js, base64): a page opened from
// file:// cannot fetch them.  Files live in the module's memory file
// system under /work, the current directory, so a file's name in
// messages is the name given, as for `goalc build NAME`.
import createGoalc from "./goalc.js";
import wasmBase64 from "./wasm-binary.js";

function decodeBase64(s) {
    const bin = atob(s);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++)
        bytes[i] = bin.charCodeAt(i);
    return bytes;
}

export async function createCompiler() {
    const m = await createGoalc({
        wasmBinary: decodeBase64(wasmBase64),
        print: () => {},
        printErr: (s) => console.warn(s),
    });
    m.FS.mkdir("/work");
    m.FS.chdir("/work");
    const encoder = new TextEncoder();
    const decoder = new TextDecoder();
    // A C string on the module's heap; the caller frees it.
    const cstring = (s) => {
        const bytes = encoder.encode(s);
        const p = m._malloc(bytes.length + 1);
        m.HEAPU8.set(bytes, p);
        m.HEAPU8[p + bytes.length] = 0;
        return p;
    };
    return {
        // Another file beside the edited one, for its 引用 (include).
        write(name, text) { m.FS.writeFile(name, text); },
        // {status, diagnostics (JSON Lines text), output (bytes or null)}
        compile(name, text, format, lang) {
            m.FS.writeFile(name, text);
            const pn = cstring(name), pf = cstring(format);
            const status = m._web_compile(pn, pf, lang);
            m._free(pn);
            m._free(pf);
            const dp = m._web_diagnostics(), dn = m._web_diagnostics_length();
            const diagnostics = decoder.decode(m.HEAPU8.subarray(dp, dp + dn));
            const op = m._web_output(), on = m._web_output_length();
            const output = op !== 0 ? m.HEAPU8.slice(op, op + on) : null;
            return { status, diagnostics, output };
        },
    };
}
