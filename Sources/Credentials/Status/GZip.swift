import CZlib

/// GZIP through the system zlib, as Bitstring Status List encodes its lists.
enum GZip {
    enum Failure: Error, Equatable {
        case zlib(Int32)
        case tooLarge(limit: Int)
    }

    static func compress(_ input: [UInt8]) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16 asks zlib for a gzip wrapper rather than a zlib one.
        var status = deflateInit2_(&stream, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .zlib(status) }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 32)
        var input = input
        let produced: Int = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                status = deflate(&stream, Z_FINISH)
                return target.count - Int(stream.avail_out)
            }
        }
        guard status == Z_STREAM_END else { throw .zlib(status) }
        return Array(output.prefix(produced))
    }

    /// Inflates gzip (or zlib) data, refusing to grow past `limit` bytes (a decompression bomb stops there).
    static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        var status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw .zlib(status) }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var input = input
        var failure: Failure?
        input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return target.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    failure = .zlib(status)
                    return
                }
                output.append(contentsOf: chunk.prefix(produced))
                if output.count > limit {
                    failure = .tooLarge(limit: limit)
                    return
                }
                if produced == 0, status == Z_OK, stream.avail_in == 0 {
                    failure = .zlib(Z_BUF_ERROR)  // truncated input
                    return
                }
            } while status != Z_STREAM_END
        }
        if let failure { throw failure }
        return output
    }
}
