import Foundation
import NianbaoCore
import CSV
import Packing

/// Rows written per table, for run.json and the end-of-run summary.
public struct LoadSummary: Sendable, Codable {
    public var rows: [String: Int]
    /// CSV text cells neutralised by the spreadsheet profile (engineering-notes §2.3 asks to record it).
    public var csvFormulaEscapedCells: Int
}

/// Load stage: streams checked reports, in source-path order, into every contract table of one output folder.
/// The folder is a fresh staging folder; committing it atomically is Pipeline's job.
///
/// A report is loaded in two halves: `preparer.prepare(_:)` builds all of its rows (any thread, in
/// parallel), then `append(_:)` copies them into the writers, in path order.
public final class Loader {
    private let directory: String
    /// Builds `PreparedRows` for this loader; a value, so it can be used on any thread.
    public let preparer: LoadPreparer
    private let reports: TableWriter
    /// Per `LoadPreparer.slot` of a table name.
    private let values: [TableWriter]
    private let quarantine: [TableWriter]
    private let rejects: TableWriter
    private let summary: CSVTableWriter?
    private let rejectsJSONL: FileHandle
    /// The tables whose Parquet row groups share `rowGroupBudget`.
    private let parquetWriters: [TableWriter]
    private let rowGroupBudget: Int
    /// The tables in `PreparedRows.packingOrder`.
    private let tablesInPackingOrder: [TableWriter]
    private var jsonlBuffer: [UInt8] = []

    /// Opens every table of the contract in `directory`, writes the `codes` table, and is ready for reports.
    public init(directory: String, config: LoadConfig, rules: [Rule]) throws {
        self.directory = directory
        let preparer = LoadPreparer(config: config)
        self.preparer = preparer
        // Every table is written from the loading task, one at a time, so they share one page buffer and
        // compression context.
        var first: TableWriter?
        func writer(_ name: String, _ layout: TableLayout, csvName: String? = nil) throws -> TableWriter {
            let writer = try TableWriter(
                parquetPath: config.writeParquet ? "\(directory)/\(name)/part-00000.parquet" : nil,
                csvPath: config.writeCSV ? "\(directory)/csv/\(csvName ?? name).csv" : nil,
                layout: layout, config: config, sharingBuffersWith: first)
            first = first ?? writer
            return writer
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        reports = try writer("reports", preparer.reports)
        var values: [TableWriter] = []
        var quarantine: [TableWriter] = []
        for table in LoadPreparer.tableNames {
            let layout = preparer.values[LoadPreparer.slot(of: table)]
            values.append(try writer(table.rawValue, layout))
            quarantine.append(
                try writer("quarantine/\(table.rawValue)", layout, csvName: "quarantine_\(table.rawValue)"))
        }
        self.values = values
        self.quarantine = quarantine
        rejects = try writer("rejects", preparer.rejects)
        parquetWriters = [reports, rejects] + values + quarantine
        tablesInPackingOrder = [reports] + values + quarantine + [rejects]
        rowGroupBudget = config.rowGroupBudget
        let codes = try writer("codes", TableLayout(TableSchema.codes, config: config))
        var codeRows = TableRows(codes.layout)
        for entry in Codes.tableCodes + FigureMetrics.all {
            codeRows.text(entry.kind)
            codeRows.text(entry.code)
            codeRows.text(entry.label)
            codeRows.text(entry.gloss)
            codeRows.endRow()
        }
        for rule in rules {
            codeRows.text("rule")
            codeRows.text(rule.id)
            codeRows.text(rule.title)
            codeRows.text("\(rule.severity.rawValue); \(rule.spec)")
            codeRows.endRow()
        }
        try codes.append(codeRows)
        try codes.close()
        summary = config.writeCSV
            ? try CSVTableWriter(
                path: "\(directory)/csv/summary.csv", header: LoadPreparer.summaryHeader, kinds: LoadPreparer.summaryKinds,
                options: config.csv)
            : nil
        let jsonlPath = "\(directory)/rejects.jsonl"
        guard FileManager.default.createFile(atPath: jsonlPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: jsonlPath)
        else { throw LoadError.cannotCreate(jsonlPath) }
        rejectsJSONL = handle
    }

    /// Appends one report's rows to every table it touches (`append(preparer.pack(preparer.prepare(checked)))`).
    public func append(_ checked: CheckedReport) throws {
        try append(preparer.prepare(checked))
    }

    /// Appends rows made by `preparer`; reports must come in source-path order.
    public func append(_ prepared: PreparedRows) throws {
        try append(preparer.pack(prepared))
    }

    /// Appends rows packed by `preparer.pack(_:)`; reports must come in source-path order.
    public func append(_ packed: PackedRows) throws {
        if let error = packed.error { throw error }
        guard !packed.bytes.isEmpty else { return }
        try packed.bytes.withUnsafeBytes { raw in
            var offset = 0
            for writer in tablesInPackingOrder { try writer.append(packed: raw, at: &offset) }
            try keepRowGroupsWithinBudget()
            guard let formats = PackedWords.word(raw, &offset) else { throw LoadError.notPacked }
            if formats & 2 != 0 {
                guard let part = PackedWords.part(raw, &offset) else { throw LoadError.notPacked }
                try summary?.append(packed: part)
            }
            guard let length = PackedWords.word(raw, &offset), let jsonl = PackedWords.region(raw, &offset, count: length),
                offset == raw.count
            else { throw LoadError.notPacked }
            jsonlBuffer.append(contentsOf: jsonl)
            if jsonlBuffer.count > 1 << 16 { try flushJSONL() }
        }
    }

    /// Row groups of all tables together hold at most `rowGroupBudget` bytes: the largest one is written out first.
    /// Bounding each table by itself let ten tables hold 8 MB each (and as much again in array capacity) once the
    /// archive was large enough to fill them, so peak memory grew with the archive up to that point; one shared
    /// bound keeps it flat and still gives the big tables the big row groups readers scan fastest.
    private func keepRowGroupsWithinBudget() throws {
        var total = parquetWriters.reduce(0) { $0 + $1.bufferedBytes }
        while total > rowGroupBudget, let largest = parquetWriters.max(by: { $0.bufferedBytes < $1.bufferedBytes }),
            largest.bufferedBytes > 0
        {
            total -= largest.bufferedBytes
            try largest.endRowGroup()
        }
    }

    /// Closes every file and reports row counts.
    public func finish() throws -> LoadSummary {
        try flushJSONL()
        try rejectsJSONL.close()
        var rows: [String: Int] = ["reports": reports.rowCount, "rejects": rejects.rowCount]
        var escaped = reports.escapedCellCount + rejects.escapedCellCount
        try reports.close()
        try rejects.close()
        for (table, writer) in zip(LoadPreparer.tableNames, values) {
            rows[table.rawValue] = writer.rowCount
            escaped += writer.escapedCellCount
            try writer.close()
        }
        for (table, writer) in zip(LoadPreparer.tableNames, quarantine) {
            rows["quarantine/\(table.rawValue)"] = writer.rowCount
            escaped += writer.escapedCellCount
            try writer.close()
        }
        escaped += summary?.escapedCellCount ?? 0
        try summary?.close()
        return LoadSummary(rows: rows, csvFormulaEscapedCells: escaped)
    }

    private func flushJSONL() throws {
        guard !jsonlBuffer.isEmpty else { return }
        // Emptied keeping its capacity: no regrowth from empty every 64 KB.
        try jsonlBuffer.withUnsafeBytes { try rejectsJSONL.write(contentsOf: $0) }
        jsonlBuffer.removeAll(keepingCapacity: true)
    }
}

/// The cells summary.csv shows: the first `total` cell of each applications row and the first cell of
/// each appeals group and outcome, as `NormalizedTable.cell` would find them, gathered in one pass.
struct SummaryCells {
    struct Slots {
        private var values: [Double?]
        private var found: [Bool]

        init(count: Int) {
            values = Array(repeating: nil, count: count)
            found = Array(repeating: false, count: count)
        }

        mutating func reset() {
            for index in found.indices { found[index] = false }
        }

        /// Keeps the first value offered for a slot.
        mutating func offer(_ value: Double?, at slot: Int) {
            guard slot >= 0, slot < found.count, !found[slot] else { return }
            found[slot] = true
            values[slot] = value
        }

        func value(at slot: Int) -> Double? {
            slot >= 0 && slot < found.count && found[slot] ? values[slot] : nil
        }
    }

    var applications = Slots(count: Codes.applicationRows.count)
    var appeals = Slots(count: Codes.appealsGroups.count * Codes.appealsOutcomes.count)

    mutating func reset() {
        applications.reset()
        appeals.reset()
    }

    /// `table` is the first of its name in the report; `rows` and `columns` hold its cells' positions.
    mutating func collect(_ table: NormalizedTable, rows: [Int], columns: [Int]) {
        switch table.name {
        case .applications:
            table.cells.withUnsafeBufferPointer { cells in
                for index in cells.indices where cells[index].columnCode == "total" {
                    let row = rows[index]
                    if row < Codes.applicationRows.count { applications.offer(cells[index].value, at: row) }
                }
            }
        case .appeals:
            let outcomes = Codes.appealsOutcomes.count
            table.cells.withUnsafeBufferPointer { cells in
                for index in cells.indices {
                    let row = rows[index]
                    let column = columns[index]
                    if row < Codes.appealsGroups.count, column < outcomes {
                        appeals.offer(cells[index].value, at: row * outcomes + column)
                    }
                }
            }
        case .activeDisclosure, .figures:
            break
        }
    }
}

/// Failures of the Load stage itself (never of the data).
public enum LoadError: Error, CustomStringConvertible {
    case cannotCreate(String)
    /// A cell table the contract has no rows for.
    case noRowShape(String)
    /// Bytes handed to `Loader.append(_:)` that `LoadPreparer.pack(_:)` did not make.
    case notPacked

    public var description: String {
        switch self {
        case .cannotCreate(let path): return "cannot create \(path)"
        case .noRowShape(let table): return "no row layout for cells of table \(table)"
        case .notPacked: return "rows handed to the loader are not a packed batch"
        }
    }
}
