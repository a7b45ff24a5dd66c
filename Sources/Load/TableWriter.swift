import Foundation
import NianbaoCore
import Packing
import CSV
import Parquet

/// Writes one table to `<dir>/<name>/part-00000.parquet` and `<dir>/csv/<csvName>.csv` at once,
/// from rows built as `TableRows`.
final class TableWriter {
    private let parquet: ParquetFileWriter?
    private let csv: CSVTableWriter?
    private(set) var rowCount = 0
    /// What `TableRows` for this table are made from.
    let layout: TableLayout

    /// `sharingBuffersWith`: a table written from the same task (`ParquetFileWriter.init`).
    init(
        parquetPath: String?, csvPath: String?, layout: TableLayout, config: LoadConfig, sharingBuffersWith other: TableWriter? = nil
    ) throws {
        self.layout = layout
        if let parquetPath {
            try FileManager.default.createDirectory(
                atPath: (parquetPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            var options = ParquetWriterOptions(
                codec: config.codec, rowGroupRows: config.rowGroupRows, createdBy: config.createdBy,
                keyValueMetadata: config.keyValueMetadata)
            // One table may take the whole budget the loader shares among all of them.
            options.rowGroupBytes = config.rowGroupBudget
            parquet = try ParquetFileWriter(
                path: parquetPath, schema: layout.parquet, options: options, sharingBuffersWith: other?.parquet)
        } else {
            parquet = nil
        }
        if let csvPath {
            try FileManager.default.createDirectory(
                atPath: (csvPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            csv = try CSVTableWriter(
                path: config.csv.gzip ? csvPath + ".gz" : csvPath, header: layout.names,
                kinds: layout.csvKinds, options: config.csv)
        } else {
            csv = nil
        }
    }

    /// Appends rows built from this writer's `layout`.
    func append(_ table: TableRows) throws {
        var packed: [UInt8] = []
        packed.reserveCapacity(table.packedByteCount)
        try table.pack(into: &packed)
        try packed.withUnsafeBytes { raw in
            var offset = 0
            try append(packed: raw, at: &offset)
        }
    }

    /// Appends the rows `TableRows.pack(into:)` packed at `offset`, and moves `offset` past them.
    func append(packed raw: UnsafeRawBufferPointer, at offset: inout Int) throws {
        guard let formats = PackedWords.word(raw, &offset), let rows = PackedWords.word(raw, &offset) else {
            throw LoadError.notPacked
        }
        if formats & 1 != 0 {
            guard let part = PackedWords.part(raw, &offset) else { throw LoadError.notPacked }
            try parquet?.append(packed: part)
        }
        if formats & 2 != 0 {
            guard let part = PackedWords.part(raw, &offset) else { throw LoadError.notPacked }
            try csv?.append(packed: part)
        }
        rowCount += rows
    }

    /// Bytes the Parquet row group being built holds.
    var bufferedBytes: Int { parquet?.bufferedBytes ?? 0 }

    /// Ends the Parquet row group being built.
    func endRowGroup() throws { try parquet?.endRowGroup() }

    /// Text cells the spreadsheet profile neutralised.
    var escapedCellCount: Int { csv?.escapedCellCount ?? 0 }

    func close() throws {
        try parquet?.close()
        try csv?.close()
    }
}

/// The columns of a table as each output sees them, and which outputs are written.
struct TableLayout: Sendable {
    let names: [String]
    let parquet: [ParquetField]
    let csvKinds: [CSVColumnKind]
    let writesParquet: Bool
    let writesCSV: Bool
    let csvOptions: CSVOptions

    init(_ columns: [ColumnSpec], config: LoadConfig) {
        names = columns.map(\.name)
        parquet = columns.map(\.parquetField)
        csvKinds = columns.map(\.csvKind)
        writesParquet = config.writeParquet
        writesCSV = config.writeCSV
        csvOptions = config.csv
    }
}

/// Rows of one table, built apart from its writer (on any thread): each cell goes straight into a
/// Parquet column batch and the CSV record bytes, with no `[Cell]` row and no String per number.
/// The caller calls the method matching each column's declared kind, then `endRow()`.
struct TableRows: Sendable {
    private(set) var parquet: ParquetRowBatch?
    private(set) var csv: CSVRecords?
    private(set) var rowCount = 0
    /// The first row of the wrong shape (a bug in the caller, not bad data); `TableWriter.append` throws it.
    private(set) var error: (any Error)?

    init(_ layout: TableLayout, rowCapacity: Int = 0) {
        parquet = layout.writesParquet ? ParquetRowBatch(schema: layout.parquet, rowCapacity: rowCapacity) : nil
        // About 12 bytes per cell in the tables here.
        csv = layout.writesCSV
            ? CSVRecords(kinds: layout.csvKinds, options: layout.csvOptions, byteCapacity: rowCapacity * layout.csvKinds.count * 12)
            : nil
    }

    /// A `.string` column.
    mutating func text(_ value: borrowing String) {
        // One view of the bytes for both outputs.
        value.withUTF8Bytes { bytes in
            parquet?.appendString(utf8: UnsafeRawBufferPointer(bytes))
            csv?.appendText(utf8: bytes)
        }
    }

    mutating func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    /// An `.int32` column: Parquet clamps, CSV keeps the number as it is.
    mutating func int32(_ value: Int?) {
        guard let value else { return null() }
        parquet?.appendInt32(Int32(clamping: value))
        csv?.appendInteger(Int64(value))
    }

    /// An `.int64` column.
    mutating func int64(_ value: Int) {
        parquet?.appendInt64(Int64(value))
        csv?.appendInteger(Int64(value))
    }

    /// An `.int64` column holding a value read as a number: rounded for Parquet, as read for CSV.
    mutating func roundedInt64(_ value: Double?) {
        guard let value else { return null() }
        parquet?.appendInt64(Int64(exactly: value.rounded()) ?? 0)
        number(value)
    }

    /// A `.double` column.
    mutating func double(_ value: Double?) {
        guard let value else { return null() }
        parquet?.appendDouble(value)
        number(value)
    }

    mutating func bool(_ value: Bool) {
        parquet?.appendBool(value)
        csv?.appendBoolean(value)
    }

    /// A `.date` column: days since the epoch in Parquet, ISO 8601 in CSV.
    mutating func date(_ value: CivilDate?) {
        guard let value else { return null() }
        parquet?.appendDate(Int32(clamping: value.daysSinceEpoch))
        guard csv != nil else { return }
        // `CivilDate.description` spelled into bytes: each part zero-padded to its width after its sign.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            guard let base = buffer.baseAddress else { return }
            var end = base
            func part(_ number: Int, width: Int) {
                let magnitude = UInt64(number.magnitude)
                let digitCount = DecimalDigits.count(magnitude)
                let length = digitCount + (number < 0 ? 1 : 0)
                for _ in length..<max(length, width) {
                    end.pointee = UInt8(ascii: "0")
                    end += 1
                }
                if number < 0 {
                    end.pointee = UInt8(ascii: "-")
                    end += 1
                }
                end = DecimalDigits.write(magnitude, count: digitCount, at: end)
            }
            part(value.year, width: 4)
            end.pointee = UInt8(ascii: "-")
            end += 1
            part(value.month, width: 2)
            end.pointee = UInt8(ascii: "-")
            end += 1
            part(value.day, width: 2)
            csv?.appendText(utf8: UnsafeBufferPointer(start: base, count: end - base))
        }
    }

    mutating func null() {
        parquet?.appendNull()
        csv?.appendNull()
    }

    mutating func endRow() {
        rowCount += 1
        parquet?.endRow()
        do {
            try csv?.endRecord()
        } catch {
            if self.error == nil { self.error = error }
        }
    }

    /// CSV text of a number: shortest round-trip, integral values without a trailing ".0" so
    /// spreadsheets show 668.57 and 12.
    private mutating func number(_ value: Double) {
        if let integral = Self.integral(value) {
            csv?.appendInteger(integral)
        } else {
            csv?.appendText(String(value))
        }
    }

    /// The value as an integer when it prints as one (see `number`).
    static func integral(_ value: Double) -> Int64? {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? Int64(value) : nil
    }
}
