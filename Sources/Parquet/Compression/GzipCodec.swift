import CZlib

/// Parquet GZIP means RFC 1952 gzip members (windowBits 15+16), one member per page.
/// A zlib (RFC 1950) stream labelled GZIP is rejected by DuckDB and polars.
struct GzipCodec: Codec {
    static let levels = 1...9
    let level: Int32

    var kind: CompressionCodec { .gzip }

    func compress(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        let initResult = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        guard initResult == Z_OK else { throw ParquetError.compression("gzip init failed (\(initResult))") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let result: Int32 = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard result == Z_STREAM_END else { throw ParquetError.compression("gzip deflate failed (\(result))") }
        output.removeLast(bound - Int(stream.total_out))
        return output
    }
}
