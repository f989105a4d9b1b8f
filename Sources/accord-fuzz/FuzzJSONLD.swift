import Credentials

// libFuzzer entry for the JSON → JSON-LD → RDF → RDFC-1.0 path and the N-Quads → RDFC-1.0 path.
// Built only by scripts/fuzz (ACCORD_FUZZ=1, -sanitize=fuzzer); libFuzzer supplies main().
// Any input may fail with an error; none may crash, trap or hang.

let processor = JSONLDProcessor()
let canonicalizer = RDFCanonicalizer(maxNDegreeCalls: 500)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if let document = try? JSON(parsing: bytes, limits: JSONLimits(maxBytes: 1 << 16, maxDepth: 32)) {
        _ = document.canonicalBytes
        if let quads = try? processor.toRDF(document) { _ = try? canonicalizer.canonicalize(quads) }
    }
    if let text = String(validating: bytes, as: UTF8.self), let quads = try? NQuads.parse(text) {
        _ = try? canonicalizer.canonicalize(quads)
    }
    return 0
}
