import CZstd

/// A plain zstd frame per page (no Hadoop-style framing). One compression context serves every
/// page: `ZSTD_compressCCtx` gives the same frame as `ZSTD_compress` without its set-up per call.
final class ZstdCodec: Codec {
    static let levels = 1...22
    let level: Int32
    private let context: OpaquePointer
    private var output = ScratchBuffer()

    init(level: Int32) throws {
        guard let context = ZSTD_createCCtx() else { throw ParquetError.compression("zstd: cannot create a context") }
        self.level = level
        self.context = context
    }

    deinit { ZSTD_freeCCtx(context) }

    var kind: CompressionCodec { .zstd }

    func compress(_ input: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer {
        let bound = ZSTD_compressBound(input.count)
        guard let target = output.reserve(bound) else { throw ParquetError.compression("zstd: no output space") }
        let written = ZSTD_compressCCtx(context, target, bound, input.baseAddress, input.count, level)
        if ZSTD_isError(written) != 0 {
            let name = ZSTD_getErrorName(written).map { String(cString: $0) } ?? "unknown error"
            throw ParquetError.compression("zstd: \(name)")
        }
        return UnsafeRawBufferPointer(start: target, count: written)
    }
}
