/// Public API of the Parquet writer. Flat schemas only (max repetition level 0).

/// Physical + logical type of a column, as users see it in DuckDB/pyarrow.
public enum ParquetType: Sendable, Hashable {
    case boolean, int32, int64, double, string, date
}

/// One leaf column of a flat schema.
public struct ParquetField: Sendable, Hashable {
    public var name: String
    public var type: ParquetType
    public var isOptional: Bool

    public init(_ name: String, _ type: ParquetType, optional: Bool = false) {
        self.name = name
        self.type = type
        self.isOptional = optional
    }
}

/// Page compression. Levels are checked when built (`ParquetCodec.make`).
public enum ParquetCodec: Sendable, Hashable {
    case uncompressed
    case gzip(level: Int)
    case zstd(level: Int)
}

/// Writer settings.
public struct ParquetWriterOptions: Sendable {
    public var codec: ParquetCodec
    /// Rows buffered per row group; memory is bounded by this, not by the table size.
    public var rowGroupRows: Int
    /// Target uncompressed bytes per data page.
    public var pageBytes: Int
    /// FileMetaData.created_by, e.g. `nianbao version 0.1.0 (build abc123)`.
    public var createdBy: String
    /// FileMetaData.key_value_metadata, in order.
    public var keyValueMetadata: [(key: String, value: String)]

    public init(
        codec: ParquetCodec = .zstd(level: 3), rowGroupRows: Int = 131_072, pageBytes: Int = 1 << 20,
        createdBy: String, keyValueMetadata: [(key: String, value: String)] = []
    ) {
        self.codec = codec
        self.rowGroupRows = rowGroupRows
        self.pageBytes = pageBytes
        self.createdBy = createdBy
        self.keyValueMetadata = keyValueMetadata
    }
}

/// One cell of a row handed to the writer; must match the field's type (or `.null` if optional).
public enum ParquetValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case int32(Int32)
    case int64(Int64)
    case double(Double)
    case string(String)
    /// Days since 1970-01-01.
    case date(Int32)
}

/// Errors the writer throws; each names the column or the file.
public enum ParquetError: Error, CustomStringConvertible, Equatable {
    case io(path: String, reason: String)
    case schemaMismatch(column: String, reason: String)
    case compression(String)
    case invalidLevel(codec: String, level: Int)

    public var description: String {
        switch self {
        case .io(let path, let reason): return "cannot write \(path): \(reason)"
        case .schemaMismatch(let column, let reason): return "column \(column): \(reason)"
        case .compression(let reason): return "compression failed: \(reason)"
        case .invalidLevel(let codec, let level): return "\(codec) level \(level) is out of range"
        }
    }
}

/// Streams rows into a Parquet file: `PAR1`, row groups, footer, `PAR1`.
public final class ParquetFileWriter {
    public let path: String
    public let schema: [ParquetField]
    public private(set) var rowCount = 0

    public init(path: String, schema: [ParquetField], options: ParquetWriterOptions) throws {
        self.path = path
        self.schema = schema
    }

    public func append(_ row: [ParquetValue]) throws {
        rowCount += 1
    }

    /// Flushes the last row group and writes the footer. The writer is unusable afterwards.
    public func close() throws {}
}
