import CZstd

/// A plain zstd frame per page (no Hadoop-style framing).
struct ZstdCodec: Codec {
    static let levels = 1...22
    let level: Int32

    var kind: CompressionCodec { .zstd }

    func compress(_ input: [UInt8]) throws -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        var output = [UInt8](repeating: 0, count: bound)
        let written = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                ZSTD_compress(target.baseAddress, target.count, source.baseAddress, source.count, level)
            }
        }
        if ZSTD_isError(written) != 0 {
            let name = ZSTD_getErrorName(written).map { String(cString: $0) } ?? "unknown error"
            throw ParquetError.compression("zstd: \(name)")
        }
        output.removeLast(bound - written)
        return output
    }
}
