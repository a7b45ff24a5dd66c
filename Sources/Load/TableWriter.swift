import Foundation
import CSV
import Parquet

/// Writes one table to `<dir>/<name>/part-00000.parquet` and `<dir>/csv/<csvName>.csv` at once.
final class TableWriter {
    let columns: [ColumnSpec]
    private let parquet: ParquetFileWriter?
    private let csv: CSVTableWriter?
    private(set) var rowCount = 0
    // Reused for every row: one allocation per table, not three per row.
    private var parquetRow: [ParquetValue] = []
    private var csvRow: [String?] = []

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

    func append(_ row: [Cell]) throws {
        rowCount += 1
        if let parquet {
            parquetRow.removeAll(keepingCapacity: true)
            for (cell, column) in zip(row, columns) { parquetRow.append(cell.parquet(as: column.kind)) }
            try parquet.append(parquetRow)
        }
        if let csv {
            csvRow.removeAll(keepingCapacity: true)
            for cell in row { csvRow.append(cell.csv) }
            try csv.append(csvRow)
        }
    }

    /// Text cells the spreadsheet profile neutralised.
    var escapedCellCount: Int { csv?.escapedCellCount ?? 0 }

    func close() throws {
        try parquet?.close()
        try csv?.close()
    }
}
