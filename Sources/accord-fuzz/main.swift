import Credentials
import Foundation

// libFuzzer driver for the JSON → JSON-LD → RDF → RDFC-1.0 path and the N-Quads → RDFC-1.0 path.
// Built only by scripts/fuzz (ACCORD_FUZZ=1, -sanitize=fuzzer,address). Any input may fail with an
// error; none may crash, trap or hang.

let processor = JSONLDProcessor()
let canonicalizer = RDFCanonicalizer(maxNDegreeCalls: 500)

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
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

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var argumentCount = CommandLine.argc
var arguments = CommandLine.unsafeArgv
let status = runFuzzerDriver(&argumentCount, &arguments) { data, size in fuzzOneInput(data, size) }
exit(status)
