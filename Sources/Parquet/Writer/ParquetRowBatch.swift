/// Rows of one schema buffered apart from any file: a value, so rows can be built on any thread and
/// handed to a `ParquetFileWriter` of the same schema, which appends them column by column
/// (`ParquetFileWriter.append(_:)`), splitting them across row groups as needed.
///
/// Cells are appended as on the writer: one call per column in schema order, then `endRow()`. A cell of
/// the wrong type (or nil in a required column) is not stored and the batch keeps the error, which
/// `ParquetFileWriter.append(_:)` throws.
public struct ParquetRowBatch: Sendable {
    public let schema: [ParquetField]
    private(set) var columns: [ColumnBuffer]
    public private(set) var rowCount = 0
    private var cursor = 0
    private(set) var error: ParquetError?

    /// `rowCapacity`: rows to reserve room for in every column.
    public init(schema: [ParquetField], rowCapacity: Int = 0) {
        self.schema = schema
        columns = schema.map { ColumnBuffer(field: $0, rowCapacity: rowCapacity) }
    }

    public mutating func appendString(_ value: borrowing String) {
        guard let column = nextColumn(.string) else { return }
        columns[column].appendString(value)
    }

    public mutating func appendString(_ value: String?) {
        if let value { appendString(value) } else { appendNull() }
    }

    /// A string given as its UTF-8 bytes (valid UTF-8 is the caller's promise, as for `String`).
    public mutating func appendString(utf8 bytes: UnsafeRawBufferPointer) {
        guard let column = nextColumn(.string) else { return }
        columns[column].appendString(utf8: bytes)
    }

    public mutating func appendInt32(_ value: Int32?) {
        guard let value else { return appendNull() }
        guard let column = nextColumn(.int32) else { return }
        columns[column].appendInt32(value)
    }

    public mutating func appendInt64(_ value: Int64?) {
        guard let value else { return appendNull() }
        guard let column = nextColumn(.int64) else { return }
        columns[column].appendInt64(value)
    }

    public mutating func appendDouble(_ value: Double?) {
        guard let value else { return appendNull() }
        guard let column = nextColumn(.double) else { return }
        columns[column].appendDouble(value)
    }

    public mutating func appendBool(_ value: Bool?) {
        guard let value else { return appendNull() }
        guard let column = nextColumn(.boolean) else { return }
        columns[column].appendBool(value)
    }

    /// Days since 1970-01-01.
    public mutating func appendDate(_ days: Int32?) {
        guard let days else { return appendNull() }
        guard let column = nextColumn(.date) else { return }
        columns[column].appendInt32(days)
    }

    public mutating func appendNull() {
        let column = cursor
        cursor += 1
        guard column < columns.count else { return refuse(column, "more values than columns") }
        guard schema[column].isOptional else { return refuse(column, "null in a required column") }
        columns[column].appendNull()
    }

    /// Ends the row started by the cell appends.
    public mutating func endRow() {
        let found = cursor
        cursor = 0
        if error == nil, found != columns.count {
            error = .schemaMismatch(column: "(row \(rowCount))", reason: "expected \(columns.count) values, got \(found)")
        }
        rowCount += 1
    }

    @inline(__always)
    private mutating func nextColumn(_ type: ParquetType) -> Int? {
        let column = cursor
        cursor += 1
        guard column < schema.count, schema[column].type == type else {
            refuse(column, "expected \(column < schema.count ? schema[column].type.displayName : "no value"), got \(type.displayName)")
            return nil
        }
        return column
    }

    private mutating func refuse(_ column: Int, _ reason: String) {
        guard error == nil else { return }
        error = .schemaMismatch(column: column < schema.count ? schema[column].name : "(column \(column))", reason: reason)
    }
}
