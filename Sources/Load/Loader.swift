import Foundation
import NianbaoCore
import CSV

/// Rows written per table, for run.json and the end-of-run summary.
public struct LoadSummary: Sendable, Codable {
    public var rows: [String: Int]
    /// CSV text cells neutralised by the spreadsheet profile (engineering-notes §2.3 asks to record it).
    public var csvFormulaEscapedCells: Int
}

/// Load stage: streams checked reports, in source-path order, into every contract table of one output folder.
/// The folder is a fresh staging folder; committing it atomically is Pipeline's job.
public final class Loader {
    private let directory: String
    private let reports: TableWriter
    private let values: [TableName: TableWriter]
    private let quarantine: [TableName: TableWriter]
    private let rejects: TableWriter
    private let summary: CSVTableWriter?
    private let rejectsJSONL: FileHandle
    private var jsonlBuffer = ""
    private var naturalOrder = NaturalOrder()
    private var summaryCells = SummaryCells()

    /// Opens every table of the contract in `directory`, writes the `codes` table, and is ready for reports.
    public init(directory: String, config: LoadConfig, rules: [Rule]) throws {
        self.directory = directory
        func writer(_ name: String, _ columns: [ColumnSpec], csvName: String? = nil) throws -> TableWriter {
            try TableWriter(
                parquetPath: config.writeParquet ? "\(directory)/\(name)/part-00000.parquet" : nil,
                csvPath: config.writeCSV ? "\(directory)/csv/\(csvName ?? name).csv" : nil,
                columns: columns, config: config)
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        reports = try writer("reports", TableSchema.reports)
        var values: [TableName: TableWriter] = [:]
        var quarantine: [TableName: TableWriter] = [:]
        for table in TableName.allCases {
            values[table] = try writer(table.rawValue, TableSchema.columns(of: table))
            quarantine[table] = try writer(
                "quarantine/\(table.rawValue)", TableSchema.columns(of: table), csvName: "quarantine_\(table.rawValue)")
        }
        self.values = values
        self.quarantine = quarantine
        rejects = try writer("rejects", TableSchema.rejects)
        let codes = try writer("codes", TableSchema.codes)
        for entry in Codes.tableCodes + FigureMetrics.all {
            codes.text(entry.kind)
            codes.text(entry.code)
            codes.text(entry.label)
            codes.text(entry.gloss)
            try codes.endRow()
        }
        for rule in rules {
            codes.text("rule")
            codes.text(rule.id)
            codes.text(rule.title)
            codes.text("\(rule.severity.rawValue); \(rule.spec)")
            try codes.endRow()
        }
        try codes.close()
        summary = config.writeCSV
            ? try CSVTableWriter(
                path: "\(directory)/csv/summary.csv", header: Loader.summaryHeader, kinds: Loader.summaryKinds,
                options: config.csv)
            : nil
        let jsonlPath = "\(directory)/rejects.jsonl"
        guard FileManager.default.createFile(atPath: jsonlPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: jsonlPath)
        else { throw LoadError.cannotCreate(jsonlPath) }
        rejectsJSONL = handle
    }

    /// Appends one report's rows to every table it touches.
    public func append(_ checked: CheckedReport) throws {
        let header = checked.header
        let meta = header.metadata
        reports.text(header.reportID)
        reports.text(header.sourcePath)
        reports.int64(header.sourceBytes)
        reports.text(header.encoding)
        reports.text(header.script?.rawValue)
        reports.text(meta.template.rawValue)
        reports.text(meta.title)
        reports.text(meta.agency)
        reports.int32(meta.reportYear)
        reports.date(meta.contractDate)
        reports.text(checked.status.rawValue)
        reports.int32(checked.valueCount)
        reports.int32(checked.errorCount)
        reports.int32(checked.warningCount)
        reports.text(meta.signingOffice)
        reports.text(meta.publishingUnit)
        reports.date(meta.signedDate)
        try reports.endRow()

        summaryCells.reset()
        var seen: Set<TableName> = []
        for table in checked.report.tables {
            let isFirst = seen.insert(table.name).inserted
            // Figures come as `report.figures`; a cell table by that name has no row shape.
            if table.name == .figures, !table.cells.isEmpty { throw LoadError.noRowShape(table.name.rawValue) }
            let order = naturalOrder.order(table)
            if isFirst { summaryCells.collect(table, rows: naturalOrder.rows, columns: naturalOrder.columns) }
            guard let writer = checked.quarantined.contains(table.name) ? quarantine[table.name] : values[table.name]
            else { continue }
            let shared = SharedValues(
                table: table.name, id: header.reportID, year: meta.reportYear, agency: meta.agency,
                template: table.template.rawValue)
            // Cells are read in place: a copy of each would retain and release its strings.
            try table.cells.withUnsafeBufferPointer { cells in
                if let order {
                    for (n, index) in order.enumerated() {
                        try appendRow(cells[index], shared, to: writer, repeated: n > 0)
                    }
                } else {
                    for index in cells.indices {
                        try appendRow(cells[index], shared, to: writer, repeated: index > 0)
                    }
                }
            }
        }
        if let figures = checked.quarantined.contains(.figures) ? quarantine[.figures] : values[.figures] {
            for (n, figure) in checked.report.figures.enumerated() {
                figures.text(header.reportID, repeated: n > 0)
                figures.int32(meta.reportYear, repeated: n > 0)
                figures.text(meta.agency, repeated: n > 0)
                figures.text(figure.metric)
                figures.double(figure.value)
                figures.text(figure.unit)
                figures.text(figure.qualifier?.rawValue)
                figures.text(figure.quote)
                figures.int32(figure.line)
                try figures.endRow()
            }
        }
        for reject in checked.rejects {
            rejects.text(reject.reportID)
            rejects.text(reject.sourcePath)
            rejects.text(reject.stage.rawValue)
            rejects.text(reject.ruleID)
            rejects.text(reject.severity.rawValue)
            rejects.text(reject.table?.rawValue)
            rejects.text(reject.rowCode)
            rejects.text(reject.columnCode)
            rejects.text(reject.expected)
            rejects.text(reject.actual)
            rejects.text(reject.message)
            rejects.int32(reject.line)
            try rejects.endRow()
            jsonlBuffer += Loader.jsonLine(reject)
        }
        if jsonlBuffer.utf8.count > 1 << 16 { try flushJSONL() }
        if let summary { try appendSummary(checked, to: summary) }
    }

    /// `repeated`: the writer's previous row is of the same table of this report.
    /// Values every row of one table of a report repeats.
    private struct SharedValues {
        let table: TableName
        let id: String
        let year: Int?
        let agency: String?
        let template: String
    }

    private func appendRow(_ cell: borrowing ValueCell, _ shared: borrowing SharedValues, to writer: TableWriter, repeated: Bool) throws {
        writer.text(shared.id, repeated: repeated)
        writer.int32(shared.year, repeated: repeated)
        writer.text(shared.agency, repeated: repeated)
        switch shared.table {
        case .applications:
            writer.text(cell.rowCode)
            writer.text(cell.columnCode)
            writer.roundedInt64(cell.value)
            writer.text(cell.raw)
            writer.bool(cell.derived)
            writer.int32(cell.line)
            writer.text(shared.template, repeated: repeated)
        case .activeDisclosure:
            writer.text(shared.template, repeated: repeated)
            writer.text(cell.rowCode)
            writer.text(cell.columnCode)
            writer.double(cell.value)
            writer.text(cell.unit)
            writer.text(cell.raw)
            writer.int32(cell.line)
            writer.bool(cell.derived)
        case .appeals:
            writer.text(cell.rowCode)
            writer.text(cell.columnCode)
            writer.roundedInt64(cell.value)
            writer.text(cell.raw)
            writer.int32(cell.line)
            writer.bool(cell.derived)
        case .figures:
            return
        }
        try writer.endRow()
    }

    /// Closes every file and reports row counts.
    public func finish() throws -> LoadSummary {
        try flushJSONL()
        try rejectsJSONL.close()
        var rows: [String: Int] = ["reports": reports.rowCount, "rejects": rejects.rowCount]
        var escaped = reports.escapedCellCount + rejects.escapedCellCount
        try reports.close()
        try rejects.close()
        for (table, writer) in values {
            rows[table.rawValue] = writer.rowCount
            escaped += writer.escapedCellCount
            try writer.close()
        }
        for (table, writer) in quarantine {
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
        try rejectsJSONL.write(contentsOf: Data(jsonlBuffer.utf8))
        jsonlBuffer = ""
    }

    static func jsonLine(_ r: Reject) -> String {
        JSONText.object([
            ("report_id", JSONText.optional(r.reportID)), ("source_path", JSONText.string(r.sourcePath)),
            ("stage", JSONText.string(r.stage.rawValue)), ("rule_id", JSONText.string(r.ruleID)),
            ("severity", JSONText.string(r.severity.rawValue)), ("table", JSONText.optional(r.table?.rawValue)),
            ("row_code", JSONText.optional(r.rowCode)), ("column_code", JSONText.optional(r.columnCode)),
            ("expected", JSONText.optional(r.expected)), ("actual", JSONText.optional(r.actual)),
            ("message", JSONText.string(r.message)), ("line", JSONText.optional(r.line)),
        ]) + "\n"
    }

    // csv/summary.csv: one row per report for spreadsheet users (output-contract).
    static let summaryApplicationRows = Codes.applicationRows.map(\.code)
    static let summaryAppealsCells: [(String, String)] = Codes.appealsGroups.flatMap { g in
        Codes.appealsOutcomes.map { (g.code, $0.code) }
    }
    static let summaryHeader: [String] =
        ["source_path", "agency", "report_year", "template", "status"]
        + summaryApplicationRows.map { "applications.\($0).total" }
        + summaryAppealsCells.map { "appeals.\($0.0).\($0.1)" } + ["n_errors", "n_warnings"]
    static let summaryKinds: [CSVColumnKind] =
        [.text, .text, .number, .text, .text] + Array(repeating: .number, count: summaryApplicationRows.count + summaryAppealsCells.count)
        + [.number, .number]

    /// Where each summary column's cell sits in `SummaryCells` (positions as `Codes.order` gives them).
    static let summaryApplicationSlots = summaryApplicationRows.map { Codes.order(ofRow: $0, in: .applications) }
    static let summaryAppealsSlots = summaryAppealsCells.map {
        Codes.order(ofRow: $0.0, in: .appeals) * Codes.appealsOutcomes.count + Codes.order(ofColumn: $0.1, in: .appeals)
    }

    private func appendSummary(_ checked: CheckedReport, to summary: CSVTableWriter) throws {
        let meta = checked.header.metadata
        summary.appendText(checked.header.sourcePath)
        summary.appendText(meta.agency)
        if let year = meta.reportYear { summary.appendInteger(Int64(year)) } else { summary.appendNull() }
        summary.appendText(meta.template.rawValue)
        summary.appendText(checked.status.rawValue)
        for slot in Loader.summaryApplicationSlots { appendSummaryValue(summaryCells.applications.value(at: slot), to: summary) }
        for slot in Loader.summaryAppealsSlots { appendSummaryValue(summaryCells.appeals.value(at: slot), to: summary) }
        summary.appendInteger(Int64(checked.errorCount))
        summary.appendInteger(Int64(checked.warningCount))
        try summary.endRecord()
    }

    private func appendSummaryValue(_ value: Double?, to summary: CSVTableWriter) {
        guard let value else { return summary.appendNull() }
        if let integral = TableWriter.integral(value) {
            summary.appendInteger(integral)
        } else {
            summary.appendText(String(value))
        }
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

    public var description: String {
        switch self {
        case .cannotCreate(let path): return "cannot create \(path)"
        case .noRowShape(let table): return "no row layout for cells of table \(table)"
        }
    }
}
