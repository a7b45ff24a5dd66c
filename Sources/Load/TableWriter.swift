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
    let columns: [ColumnSpec]
    private let parquet: ParquetFileWriter?
    private let csv: CSVTableWriter?
    private(set) var rowCount = 0

    init(parquetPath: String?, csvPath: String?, columns: [ColumnSpec], config: LoadConfig) throws {
        self.columns = columns
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
        parquet?.appendString(value)
        csv?.appendText(value)
    }

    func text(_ value: String?) {
        if let value { text(value) } else { null() }
    }

    /// An `.int32` column: Parquet clamps, CSV keeps the number as it is.
    func int32(_ value: Int?) {
        guard let value else { return null() }
        parquet?.appendInt32(Int32(clamping: value))
        csv?.appendInteger(Int64(value))
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
        csv?.appendText(value.description)
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
        guard let csv else { return }
        if let integral = Self.integral(value) {
            csv.appendInteger(integral)
        } else {
            csv.appendText(String(value))
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
