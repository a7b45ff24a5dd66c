import Packing

/// Public API of the Parquet writer.
///
/// Scope: flat schemas only (max repetition level 0, no Dremel shredding); REQUIRED and OPTIONAL
/// columns with RLE definition levels; v1 data pages; dictionary encoding decided per column chunk
/// for strings; exact min/max/null-count statistics per chunk so DuckDB and polars can prune;
/// UNCOMPRESSED, GZIP (RFC 1952) or ZSTD pages. Atomic replacement of the file is the caller's job.

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

/// Whether columns are dictionary-encoded (strings, INT32, DATE and INT64; booleans and doubles stay PLAIN).
public enum ParquetDictionaryPolicy: Sendable, Hashable {
    /// Per column chunk: when distinct values are at most half the values and the dictionary page stays under 1 MiB.
    case automatic
    case always
    case never
}

/// Writer settings.
public struct ParquetWriterOptions: Sendable {
    public var codec: ParquetCodec
    /// Rows buffered per row group; memory is bounded by this and `rowGroupBytes`, not by the table size.
    public var rowGroupRows: Int
    /// A row group also ends once its buffered values reach this many bytes, so tables of wide rows (a title and
    /// a path per row) hold no more memory than narrow ones: at 131,072 rows they held ~60 MB each. With this
    /// bound a run's tables together buffer well under 100 MB whatever the archive size.
    public var rowGroupBytes: Int = 8 << 20
    /// Target uncompressed bytes per data page.
    public var pageBytes: Int
    /// FileMetaData.created_by, e.g. `nianbao version 0.1.0 (build abc123)`.
    public var createdBy: String
    /// FileMetaData.key_value_metadata, in order.
    public var keyValueMetadata: [(key: String, value: String)]
    /// Dictionary encoding of string, INT32, DATE and INT64 columns (booleans and doubles are always PLAIN).
    public var dictionary: ParquetDictionaryPolicy = .automatic

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
///
/// Rows are buffered per column for one row group at a time, so memory is bounded by
/// `rowGroupRows`, not by the table. Not thread-safe: one writer per file, used from one task.
public final class ParquetFileWriter {
    public let path: String
    public let schema: [ParquetField]
    public var rowCount: Int { rows }
    // Private counters: a public stored property keeps a dynamic exclusivity check on every update.
    private var rows = 0
    public private(set) var rowGroupCount = 0
    /// Bytes written to the file so far (the whole file once `close()` returned).
    public var bytesWritten: Int64 { sink.offset }

    private static let magic: [UInt8] = Array("PAR1".utf8)
    private let options: ParquetWriterOptions
    private let sink: FileSink
    /// One buffer per schema field. Raw memory behind a `let`: appending a cell touches no Array
    /// uniqueness or exclusivity checks, which were the largest cost per cell.
    private let columns: UnsafeMutableBufferPointer<ColumnBuffer>
    /// The next column of the row being appended cell by cell, and whether a cell of it was refused.
    private var cursor = 0
    private var cellError: ParquetError?
    private let chunkWriter: ColumnChunkWriter
    /// The footer's row groups, encoded as each is written and kept out of memory until the footer: as values,
    /// their column chunks' statistics, paths and encodings were a few small allocations per column per row group;
    /// encoded, they still grew with the file, and held until 64 KB a table, they made a run's memory grow with the
    /// archive until every table had that much (~1 MB more at 100,000 reports than at 10,000).
    private let footerSpill: FooterSpill
    private var bufferedRows = 0
    private var isClosed = false

    /// `sharingBuffersWith`: a writer used from the same task, whose page buffer and compression context this one
    /// uses too (when their codec, page size and dictionary policy agree). Each writer's own were a few megabytes
    /// that stayed once it had written a row group, so ten tables held ten times what one writes at a time.
    public init(
        path: String, schema: [ParquetField], options: ParquetWriterOptions, sharingBuffersWith other: ParquetFileWriter? = nil
    ) throws {
        self.path = path
        self.schema = schema
        self.options = options
        guard !schema.isEmpty else { throw ParquetError.schemaMismatch(column: path, reason: "schema has no columns") }
        var seen = Set<String>()
        for field in schema {
            guard !field.name.isEmpty else { throw ParquetError.schemaMismatch(column: path, reason: "empty column name") }
            guard seen.insert(field.name).inserted else {
                throw ParquetError.schemaMismatch(column: field.name, reason: "duplicate column name")
            }
        }
        if let other, other.options.codec == options.codec && other.options.pageBytes == options.pageBytes
            && other.options.dictionary == options.dictionary
        {
            chunkWriter = other.chunkWriter
        } else {
            chunkWriter = ColumnChunkWriter(
                codec: try options.codec.make(), pageBytes: options.pageBytes, dictionaryPolicy: options.dictionary)
        }
        sink = try FileSink(path: path)
        footerSpill = try FooterSpill(besides: path)
        columns = .allocate(capacity: schema.count)
        _ = columns.initialize(from: schema.map {
            var column = ColumnBuffer(field: $0, dictionary: options.dictionary)
            column.reserveOwnPages()
            return column
        })
        try sink.write(Self.magic)
    }

    deinit {
        columns.deinitialize()
        columns.deallocate()
    }

    /// Appends one row. The whole row is checked before any cell is stored, so a rejected row leaves no trace.
    public func append(_ row: [ParquetValue]) throws {
        guard !isClosed else { throw ParquetError.io(path: path, reason: "writer is closed") }
        guard row.count == columns.count else {
            throw ParquetError.schemaMismatch(
                column: "(row \(rows))", reason: "expected \(columns.count) values, got \(row.count)")
        }
        guard cursor == 0 else {
            throw ParquetError.schemaMismatch(column: "(row \(rows))", reason: "a row is being appended cell by cell")
        }
        let mismatch: ParquetError? = row.withUnsafeBufferPointer { cells in
            for index in 0..<cells.count where !columns[index].accepts(cells[index]) {
                let reason = columns[index].mismatch(cells[index]) ?? "rejected value"
                return ParquetError.schemaMismatch(column: columns[index].field.name, reason: reason)
            }
            for index in 0..<cells.count {
                columns[index].append(cells[index])
            }
            return nil
        }
        if let mismatch { throw mismatch }
        try rowAppended()
    }

    /// Appends the rows of a batch built for this schema, column by column. A row group ends exactly at
    /// `rowGroupRows` rows, splitting the batch if need be, or after the first batch that brings it to
    /// `rowGroupBytes`. A batch holding a refused cell is not appended.
    public func append(_ batch: ParquetRowBatch) throws {
        guard batch.schema == schema else {
            throw ParquetError.schemaMismatch(column: path, reason: "batch of another schema")
        }
        var packed: [UInt8] = []
        packed.reserveCapacity(batch.packedByteCount)
        try batch.pack(into: &packed)
        try packed.withUnsafeBytes { try append(packed: $0) }
    }

    /// Appends a batch in the form `ParquetRowBatch.pack(into:)` wrote, read in place, as `append(_:)` does.
    public func append(packed raw: UnsafeRawBufferPointer) throws {
        guard !isClosed else { throw ParquetError.io(path: path, reason: "writer is closed") }
        guard cursor == 0 else {
            throw ParquetError.schemaMismatch(column: "(row \(rows))", reason: "a row is being appended cell by cell")
        }
        var offset = 0
        var batchColumns: [PackedColumn] = []
        batchColumns.reserveCapacity(columns.count)
        guard let byteCount = PackedWords.word(raw, &offset), byteCount == raw.count,
            let rowCount = PackedWords.word(raw, &offset), let columnCount = PackedWords.word(raw, &offset),
            columnCount == columns.count
        else { throw ParquetError.schemaMismatch(column: path, reason: "not a packed batch of this schema") }
        for index in 0..<columnCount {
            guard let column = PackedColumn(raw, &offset), column.tag == columns[index].field.packedTag,
                column.rowCount == rowCount
            else { throw ParquetError.schemaMismatch(column: columns[index].field.name, reason: "not a packed column of this schema") }
            batchColumns.append(column)
        }
        var start = 0
        while start < rowCount {
            let end = min(rowCount, start + rowGroupLimit - bufferedRows)
            for index in 0..<columns.count {
                columns[index].append(rows: start..<end, of: batchColumns[index])
            }
            rows += end - start
            bufferedRows += end - start
            if bufferedRows >= rowGroupLimit || bufferedBytes >= options.rowGroupBytes { try flushRowGroup() }
            start = end
        }
    }

    /// Bytes of values held for the row group being built (see `ColumnBuffer.bufferedBytes`).
    public var bufferedBytes: Int { (0..<columns.count).reduce(0) { $0 + columns[$1].bufferedBytes } }

    /// Ends the row group being built now, if it has rows: a caller writing several files at once uses it to keep
    /// their buffers together under one bound.
    public func endRowGroup() throws {
        guard !isClosed else { throw ParquetError.io(path: path, reason: "writer is closed") }
        if bufferedRows > 0 { try flushRowGroup() }
    }

    /// Page and dictionary counts are i32 in the format, so a row group never exceeds Int32.max rows.
    private var rowGroupLimit: Int { max(1, min(options.rowGroupRows, Int(Int32.max))) }

    private func rowAppended() throws {
        rows += 1
        bufferedRows += 1
        if bufferedRows >= rowGroupLimit || bufferedBytes >= options.rowGroupBytes {
            try flushRowGroup()
        }
    }

    // MARK: Cell by cell
    // One call per column in schema order, then `endRow()`: no `[ParquetValue]` per row. A cell of the
    // wrong type (or nil in a required column) is not stored and makes `endRow()` throw; the row's
    // other cells are already stored by then, so the file is abandoned (that is a caller bug, not data).

    public func appendString(_ value: borrowing String) {
        guard let column = nextColumn(.string) else { return }
        columns[column].appendString(value)
    }

    public func appendString(_ value: String?) {
        if let value { appendString(value) } else { appendNull() }
    }

    /// A string given as its UTF-8 bytes (valid UTF-8 is the caller's promise, as for `String`).
    public func appendString(utf8 bytes: UnsafeRawBufferPointer) {
        guard let column = nextColumn(.string) else { return }
        columns[column].appendString(utf8: bytes)
    }

    public func appendInt32(_ value: Int32?) {
        guard let value else { return appendNull() }
        guard let column = nextColumn(.int32) else { return }
        columns[column].appendInt32(value)
    }

    public func appendInt64(_ value: Int64?) {
        guard let value else { return appendNull() }
        guard let column = nextColumn(.int64) else { return }
        columns[column].appendInt64(value)
    }

    public func appendDouble(_ value: Double?) {
        guard let value else { return appendNull() }
        guard let column = nextColumn(.double) else { return }
        columns[column].appendDouble(value)
    }

    public func appendBool(_ value: Bool?) {
        guard let value else { return appendNull() }
        guard let column = nextColumn(.boolean) else { return }
        columns[column].appendBool(value)
    }

    /// Days since 1970-01-01.
    public func appendDate(_ days: Int32?) {
        guard let days else { return appendNull() }
        guard let column = nextColumn(.date) else { return }
        columns[column].appendInt32(days)
    }

    /// Appends the previous row's value of the next column again, without looking it up (a report's
    /// id on each of its rows). Returns false, appending nothing, when the row group has no previous row
    /// or the value cannot be repeated cheaply; the caller then appends the value itself.
    public func repeatPrevious() -> Bool {
        let column = cursor
        guard column < columns.count, columns[column].repeatPrevious() else { return false }
        cursor += 1
        return true
    }

    public func appendNull() {
        let column = cursor
        cursor += 1
        guard column < columns.count else { return refuse(column, "more values than columns") }
        guard columns[column].field.isOptional else { return refuse(column, "null in a required column") }
        columns[column].appendNull()
    }

    /// Ends the row started by the cell-by-cell appends.
    public func endRow() throws {
        let found = cursor
        cursor = 0
        if isClosed { throw ParquetError.io(path: path, reason: "writer is closed") }
        var error = cellError
        if error == nil, found != columns.count {
            error = .schemaMismatch(column: "(row \(rows))", reason: "expected \(columns.count) values, got \(found)")
        }
        if let error {
            isClosed = true
            try? sink.close()
            throw error
        }
        try rowAppended()
    }

    @inline(__always)
    private func nextColumn(_ type: ParquetType) -> Int? {
        let column = cursor
        cursor += 1
        guard column < columns.count, columns[column].field.type == type else {
            refuse(column, "expected \(column < columns.count ? columns[column].field.type.displayName : "no value"), got \(type.displayName)")
            return nil
        }
        return column
    }

    private func refuse(_ column: Int, _ reason: String) {
        guard cellError == nil else { return }
        cellError = .schemaMismatch(column: column < columns.count ? columns[column].field.name : "(column \(column))", reason: reason)
    }

    /// Flushes the last row group and writes the footer. The writer is unusable afterwards.
    public func close() throws {
        guard !isClosed else { return }
        if bufferedRows > 0 { try flushRowGroup() }
        isClosed = true
        let metaData = FileMetaData(
            schema: schemaElements(for: schema), numRows: Int64(rows),
            rowGroups: (rowGroupCount, try footerSpill.readAll()), keyValueMetadata: options.keyValueMetadata.map { KeyValue(key: $0.key, value: $0.value) },
            createdBy: options.createdBy, columnOrders: schema.map { _ in ColumnOrder() })
        var footer = CompactWriter()
        metaData.write(to: &footer)
        var trailer = ByteBuffer(capacity: 8)
        trailer.appendUInt32LE(UInt32(truncatingIfNeeded: footer.bytes.count))
        trailer.append(contentsOf: Self.magic)
        try sink.write(footer.bytes)
        try sink.write(trailer.bytes)
        try sink.close()
    }

    private func flushRowGroup() throws {
        var chunks: [ColumnChunk] = []
        chunks.reserveCapacity(columns.count)
        var totalByteSize: Int64 = 0
        do {
            for index in 0..<columns.count {
                chunks.append(try chunkWriter.write(&columns[index], to: sink))
                totalByteSize += chunkWriter.uncompressedSize
                columns[index].reset()
                columns[index].reserveOwnPages()
            }
            var rowGroup = CompactWriter()
            rowGroup.writeNested(RowGroup(columns: chunks, totalByteSize: totalByteSize, numRows: Int64(bufferedRows)))
            try footerSpill.append(rowGroup.bytes)
        } catch {
            // A half-written row group, or one the footer cannot list, cannot be completed, so the file is abandoned.
            isClosed = true
            try? sink.close()
            throw error
        }
        rowGroupCount += 1
        bufferedRows = 0
    }
}
