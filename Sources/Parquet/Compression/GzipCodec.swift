import CZlib

/// Parquet GZIP means RFC 1952 gzip members (windowBits 15+16), one member per page.
/// A zlib (RFC 1950) stream labelled GZIP is rejected by DuckDB and polars.
/// One deflate stream serves every page: `deflateReset` keeps its allocations and settings, and
/// the member it then writes is the same as from a fresh stream.
final class GzipCodec: Codec {
    static let levels = 1...9
    let level: Int32
    private var stream = z_stream()
    private var output = ScratchBuffer()

    init(level: Int32) throws {
        self.level = level
        let initResult = deflateInit2_(
            &stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        guard initResult == Z_OK else { throw ParquetError.compression("gzip init failed (\(initResult))") }
    }

    deinit { deflateEnd(&stream) }

    var kind: CompressionCodec { .gzip }

    func compress(_ input: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer {
        guard input.count <= Int(UInt32.max / 2) else { throw ParquetError.compression("gzip: page too large") }
        let resetResult = deflateReset(&stream)
        guard resetResult == Z_OK else { throw ParquetError.compression("gzip reset failed (\(resetResult))") }
        let bound = Int(deflateBound(&stream, UInt(input.count)))
        guard let target = output.reserve(bound) else { throw ParquetError.compression("gzip: no output space") }
        // zlib never writes through next_in; the pointer is only mutable for historical reasons.
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.avail_in = UInt32(input.count)
        stream.next_out = target.bindMemory(to: UInt8.self, capacity: bound)
        stream.avail_out = UInt32(bound)
        let result = deflate(&stream, Z_FINISH)
        guard result == Z_STREAM_END else { throw ParquetError.compression("gzip deflate failed (\(result))") }
        return UnsafeRawBufferPointer(start: target, count: bound - Int(stream.avail_out))
    }
}
