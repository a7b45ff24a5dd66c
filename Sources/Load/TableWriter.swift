import Foundation
import NianbaoCore
import CSV
import Parquet

/// Writes one table to `<dir>/<name>/part-00000.parquet` and `<dir>/csv/<csvName>.csv` at once.
///
/// Rows are appended a cell at a time, in column order, then `endRow()`: each cell goes straight
/// into the Parquet column buffer and the CSV output buffer, with no `[Cell]` row and no String per number.
/// The caller calls the method matching each column's declared kind.
final class TableWriter {
    private let parquet: ParquetFileWriter?
    private let csv: CSVTableWriter?
    private(set) var rowCount = 0

    init(parquetPath: String?, csvPath: String?, columns: [ColumnSpec], config: LoadConfig) throws {
        if let parquetPath {
            try FileManager.default.createDirectory(
                atPath: (parquetPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            parquet = try ParquetFileWriter(
                path: parquetPath, schema: columns.map(\.parquetField),
                options: ParquetWriterOptions(
                    codec: config.codec, rowGroupRows: config.rowGroupRows, createdBy: config.createdBy,
                    keyValueMetadata: config.keyValueMetadata))
        } else {
            parquet = nil
        }
        if let csvPath {
            try FileManager.default.createDirectory(
                atPath: (csvPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            csv = try CSVTableWriter(
                path: config.csv.gzip ? csvPath + ".gz" : csvPath, header: columns.map(\.name),
                kinds: columns.map(\.csvKind), options: config.csv)
        } else {
            csv = nil
        }
    }

    /// A `.string` column.
    func text(_ value: borrowing String) {
        // One view of the bytes for both writers.
        value.utf8Span.span.withUnsafeBufferPointer { bytes in
            parquet?.appendString(utf8: UnsafeRawBufferPointer(bytes))
            csv?.appendText(utf8: bytes)
        }
    }

    func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    /// A `.string` column whose value is the previous row's when `repeated` (a report's id, agency or
    /// template on each of its rows), which spares the Parquet dictionary a look-up.
    func text(_ value: String?, repeated: Bool) {
        // `parquet?.` rather than `if let parquet`: binding the reference would retain it per cell.
        guard repeated, parquet?.repeatPrevious() == true else { return text(value) }
        csv?.appendText(value)
    }

    /// An `.int32` column: Parquet clamps, CSV keeps the number as it is.
    func int32(_ value: Int?) {
        guard let value else { return null() }
        parquet?.appendInt32(Int32(clamping: value))
        csv?.appendInteger(Int64(value))
    }

    /// `int32` with the previous row's value when `repeated` (see `text(_:repeated:)`).
    func int32(_ value: Int?, repeated: Bool) {
        guard repeated, parquet?.repeatPrevious() == true else { return int32(value) }
        if let value { csv?.appendInteger(Int64(value)) } else { csv?.appendNull() }
    }

    /// An `.int64` column.
    func int64(_ value: Int) {
        parquet?.appendInt64(Int64(value))
        csv?.appendInteger(Int64(value))
    }

    /// An `.int64` column holding a value read as a number: rounded for Parquet, as read for CSV.
    func roundedInt64(_ value: Double?) {
        guard let value else { return null() }
        parquet?.appendInt64(Int64(exactly: value.rounded()) ?? 0)
        number(value)
    }

    /// A `.double` column.
    func double(_ value: Double?) {
        guard let value else { return null() }
        parquet?.appendDouble(value)
        number(value)
    }

    func bool(_ value: Bool) {
        parquet?.appendBool(value)
        csv?.appendText(value ? "true" : "false")
    }

    /// A `.date` column: days since the epoch in Parquet, ISO 8601 in CSV.
    func date(_ value: CivilDate?) {
        guard let value else { return null() }
        parquet?.appendDate(Int32(clamping: value.daysSinceEpoch))
        guard let csv else { return }
        // `CivilDate.description` spelled into bytes: each part zero-padded to its width after its sign.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            guard let base = buffer.baseAddress else { return }
            var end = base
            func part(_ number: Int, width: Int) {
                var digitCount = 0
                var rest = number.magnitude
                repeat {
                    digitCount += 1
                    rest /= 10
                } while rest != 0
                let length = digitCount + (number < 0 ? 1 : 0)
                for _ in length..<max(length, width) {
                    end.pointee = UInt8(ascii: "0")
                    end += 1
                }
                if number < 0 {
                    end.pointee = UInt8(ascii: "-")
                    end += 1
                }
                var magnitude = number.magnitude
                var cursor = end + digitCount
                end = cursor
                repeat {
                    cursor -= 1
                    cursor.pointee = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
                    magnitude /= 10
                } while magnitude != 0
            }
            part(value.year, width: 4)
            end.pointee = UInt8(ascii: "-")
            end += 1
            part(value.month, width: 2)
            end.pointee = UInt8(ascii: "-")
            end += 1
            part(value.day, width: 2)
            csv.appendText(utf8: UnsafeBufferPointer(start: base, count: end - base))
        }
    }

    func null() {
        parquet?.appendNull()
        csv?.appendNull()
    }

    func endRow() throws {
        rowCount += 1
        try parquet?.endRow()
        try csv?.endRecord()
    }

    /// CSV text of a number: shortest round-trip, integral values without a trailing ".0" so
    /// spreadsheets show 668.57 and 12.
    private func number(_ value: Double) {
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

    /// Text cells the spreadsheet profile neutralised.
    var escapedCellCount: Int { csv?.escapedCellCount ?? 0 }

    func close() throws {
        try parquet?.close()
        try csv?.close()
    }
}
