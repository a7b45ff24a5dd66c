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
            try codes.append([.string(entry.kind), .string(entry.code), .string(entry.label), .string(entry.gloss)])
        }
        for rule in rules {
            try codes.append([.string("rule"), .string(rule.id), .string(rule.title), .string("\(rule.severity.rawValue); \(rule.spec)")])
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
        let year = Cell(meta.reportYear)
        let agency = Cell(meta.agency)
        let id = Cell.string(header.reportID)
        try reports.append([
            id, .string(header.sourcePath), .int(Int64(header.sourceBytes)), Cell(header.encoding),
            Cell(header.script?.rawValue), .string(meta.template.rawValue), Cell(meta.title), agency, year,
            meta.contractDate.map(Cell.date) ?? .null, .string(checked.status.rawValue),
            .int(Int64(checked.valueCount)), .int(Int64(checked.errorCount)), .int(Int64(checked.warningCount)),
            Cell(meta.signingOffice), Cell(meta.publishingUnit), meta.signedDate.map(Cell.date) ?? .null,
        ])
        for table in checked.report.tables {
            guard let writer = checked.quarantined.contains(table.name) ? quarantine[table.name] : values[table.name]
            else { continue }
            for cell in Loader.naturalOrder(table) {
                try writer.append(Loader.row(cell, of: table, id: id, year: year, agency: agency))
            }
        }
        if let figures = checked.quarantined.contains(.figures) ? quarantine[.figures] : values[.figures] {
            for figure in checked.report.figures {
                try figures.append([
                    id, year, agency, .string(figure.metric), .double(figure.value), Cell(figure.unit),
                    Cell(figure.qualifier?.rawValue), .string(figure.quote), Cell(figure.line),
                ])
            }
        }
        for reject in checked.rejects {
            try rejects.append([
                Cell(reject.reportID), .string(reject.sourcePath), .string(reject.stage.rawValue), .string(reject.ruleID),
                .string(reject.severity.rawValue), Cell(reject.table?.rawValue), Cell(reject.rowCode),
                Cell(reject.columnCode), Cell(reject.expected), Cell(reject.actual), .string(reject.message), Cell(reject.line),
            ])
            jsonlBuffer += Loader.jsonLine(reject)
        }
        if jsonlBuffer.utf8.count > 1 << 16 { try flushJSONL() }
        try summary?.append(Loader.summaryRow(checked))
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

    /// Template row order, then column order (output-contract: natural order), whatever order cells arrived in.
    static func naturalOrder(_ table: NormalizedTable) -> [ValueCell] {
        let keys = table.cells.enumerated().map {
            (Codes.order(ofRow: $0.element.rowCode, in: table.name), Codes.order(ofColumn: $0.element.columnCode, in: table.name), $0.offset)
        }
        // Extract emits template order already; sorting is only for cells Validate derived and appended.
        if zip(keys, keys.dropFirst()).allSatisfy({ $0 < $1 }) { return table.cells }
        return keys.sorted { $0 < $1 }.map { table.cells[$0.2] }
    }

    static func row(_ cell: ValueCell, of table: NormalizedTable, id: Cell, year: Cell, agency: Cell) -> [Cell] {
        let value: Cell = cell.value.map(Cell.double) ?? .null
        let line = Cell(cell.line)
        switch table.name {
        case .applications:
            return [id, year, agency, .string(cell.rowCode), .string(cell.columnCode), value, .string(cell.raw),
                    .bool(cell.derived), line, .string(table.template.rawValue)]
        case .activeDisclosure:
            return [id, year, agency, .string(table.template.rawValue), .string(cell.rowCode), .string(cell.columnCode),
                    value, Cell(cell.unit), .string(cell.raw), line, .bool(cell.derived)]
        case .appeals, .figures:
            return [id, year, agency, .string(cell.rowCode), .string(cell.columnCode), value, .string(cell.raw), line,
                    .bool(cell.derived)]
        }
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

    static func summaryRow(_ checked: CheckedReport) -> [String?] {
        let meta = checked.header.metadata
        let applications = checked.report.table(.applications)
        let appeals = checked.report.table(.appeals)
        var row: [String?] = [checked.header.sourcePath, meta.agency, meta.reportYear.map { String($0) }, meta.template.rawValue, checked.status.rawValue]
        for code in summaryApplicationRows {
            row.append(applications?.cell(code, "total")?.value.map(Cell.format))
        }
        for (group, outcome) in summaryAppealsCells {
            row.append(appeals?.cell(group, outcome)?.value.map(Cell.format))
        }
        row.append(String(checked.errorCount))
        row.append(String(checked.warningCount))
        return row
    }
}

/// Failures of the Load stage itself (never of the data).
public enum LoadError: Error, CustomStringConvertible {
    case cannotCreate(String)

    public var description: String {
        switch self {
        case .cannotCreate(let path): return "cannot create \(path)"
        }
    }
}
