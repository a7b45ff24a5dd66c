/// Compresses one page at a time; every page (dictionary and data) is its own compressed unit.
///
/// A codec keeps its library context and output buffer between pages (one per `ColumnChunkWriter`, used from
/// one task), so a page costs neither a context set-up nor a zero-filled output array.
protocol Codec: AnyObject {
    var kind: CompressionCodec { get }
    /// The compressed page, valid until the next call.
    func compress(_ input: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer
}

extension Codec {
    /// Copying convenience for tests and small inputs.
    func compress(_ input: [UInt8]) throws -> [UInt8] {
        try input.withUnsafeBytes { Array(try compress($0)) }
    }
}

final class UncompressedCodec: Codec {
    var kind: CompressionCodec { .uncompressed }

    func compress(_ input: UnsafeRawBufferPointer) throws -> UnsafeRawBufferPointer { input }
}

/// Output space that only grows; reused for every page of a writer.
struct ScratchBuffer: ~Copyable {
    private(set) var base: UnsafeMutableRawPointer?
    private(set) var capacity = 0

    mutating func reserve(_ count: Int) -> UnsafeMutableRawPointer? {
        if count > capacity || base == nil {
            base?.deallocate()
            capacity = max(count, 1, capacity * 2)
            base = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        }
        return base
    }

    deinit { base?.deallocate() }
}

extension ParquetCodec {
    /// Levels outside the library's range throw rather than being clamped, so a bad config fails at load.
    func make() throws -> any Codec {
        switch self {
        case .uncompressed:
            return UncompressedCodec()
        case .gzip(let level):
            guard GzipCodec.levels.contains(level) else { throw ParquetError.invalidLevel(codec: "gzip", level: level) }
            return try GzipCodec(level: Int32(level))
        case .zstd(let level):
            guard ZstdCodec.levels.contains(level) else { throw ParquetError.invalidLevel(codec: "zstd", level: level) }
            return try ZstdCodec(level: Int32(level))
        }
    }

    /// Checks the level without writing anything (for validating a configuration early).
    public func validate() throws {
        _ = try make()
    }
}
