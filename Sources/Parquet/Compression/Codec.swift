/// Compresses one page at a time; every page (dictionary and data) is its own compressed unit.
protocol Codec: Sendable {
    var kind: CompressionCodec { get }
    func compress(_ input: [UInt8]) throws -> [UInt8]
}

struct UncompressedCodec: Codec {
    var kind: CompressionCodec { .uncompressed }

    func compress(_ input: [UInt8]) throws -> [UInt8] { input }
}

extension ParquetCodec {
    /// Levels outside the library's range throw rather than being clamped, so a bad config fails at load.
    func make() throws -> any Codec {
        switch self {
        case .uncompressed:
            return UncompressedCodec()
        case .gzip(let level):
            guard GzipCodec.levels.contains(level) else { throw ParquetError.invalidLevel(codec: "gzip", level: level) }
            return GzipCodec(level: Int32(level))
        case .zstd(let level):
            guard ZstdCodec.levels.contains(level) else { throw ParquetError.invalidLevel(codec: "zstd", level: level) }
            return ZstdCodec(level: Int32(level))
        }
    }

    /// Checks the level without writing anything (for validating a configuration early).
    public func validate() throws {
        _ = try make()
    }
}
