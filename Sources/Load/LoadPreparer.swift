import NianbaoCore
import CSV

/// The rows of one or more consecutive reports for every table they touch, encoded for both outputs and ready to
/// be copied into the writers by `Loader.append(_:)`. Several reports share one set of buffers: one set per report
/// cost ~200 allocations and as many frees, more than building the rows did.
public struct PreparedRows: Sendable {
    var reports: TableRows?
    /// Per `LoadPreparer.slot` of a table name; nil where no report has such a table.
    var tables: [TableRows?] = Array(repeating: nil, count: LoadPreparer.tableNames.count)
    /// Rows of tables the validator quarantined, per slot, for the quarantine writers.
    var quarantine: [TableRows?] = Array(repeating: nil, count: LoadPreparer.tableNames.count)
    var rejects: TableRows?
    var rejectsJSONL = ""
    var summary: CSVRecords?
    /// Why a report cannot be loaded; `Loader.append` throws it before writing anything.
    var error: (any Error)?

    public init() {}

    /// Where a report's rows of `table` go: to the quarantine writers when the validator quarantined it.
    static func destination(of table: TableName, quarantined: Set<TableName>) -> WritableKeyPath<PreparedRows, [TableRows?]> {
        quarantined.contains(table) ? \.quarantine : \.tables
    }
}

/// Everything of the Load stage that depends on one report only: natural row order, Parquet column values,
/// escaped and formula-guarded CSV records, rejects JSON Lines, the summary row. A value made from the
/// loader's configuration, so reports can be prepared on any thread, in parallel.
public struct LoadPreparer: Sendable {
    let reports: TableLayout
    /// Per `slot(of:)`; quarantine tables have the same layout.
    let values: [TableLayout]
    let rejects: TableLayout
    private let writesSummary: Bool
    private let csvOptions: CSVOptions
    /// Its code lists, built once; each report works on a copy.
    private let naturalOrder = NaturalOrder()

    public init(config: LoadConfig) {
        reports = TableLayout(TableSchema.reports, config: config)
        values = Self.tableNames.map { TableLayout(TableSchema.columns(of: $0), config: config) }
        rejects = TableLayout(TableSchema.rejects, config: config)
        writesSummary = config.writeCSV
        csvOptions = config.csv
    }

    static let tableNames = TableName.allCases

    @inline(__always)
    static func slot(of table: TableName) -> Int {
        switch table {
        case .applications: return 0
        case .activeDisclosure: return 1
        case .appeals: return 2
        case .figures: return 3
        }
    }

    /// One report's rows.
    public func prepare(_ checked: CheckedReport) -> PreparedRows {
        var prepared = PreparedRows()
        prepare(checked, into: &prepared)
        return prepared
    }

    /// Adds a report's rows after those already in `prepared`; reports go in in source-path order.
    public func prepare(_ checked: CheckedReport, into prepared: inout PreparedRows) {
        guard prepared.error == nil else { return }
        let header = checked.header
        let meta = header.metadata
        var reportRow = prepared.reports.take() ?? TableRows(reports, rowCapacity: 1)
        reportRow.text(header.reportID)
        reportRow.text(header.sourcePath)
        reportRow.int64(header.sourceBytes)
        reportRow.text(header.encoding)
        reportRow.text(header.script?.rawValue)
        reportRow.text(meta.template.rawValue)
        reportRow.text(meta.title)
        reportRow.text(meta.agency)
        reportRow.int32(meta.reportYear)
        reportRow.date(meta.contractDate)
        reportRow.text(checked.status.rawValue)
        reportRow.int32(checked.valueCount)
        reportRow.int32(checked.errorCount)
        reportRow.int32(checked.warningCount)
        reportRow.text(meta.signingOffice)
        reportRow.text(meta.publishingUnit)
        reportRow.date(meta.signedDate)
        reportRow.endRow()
        prepared.reports = reportRow

        var naturalOrder = naturalOrder
        var summaryCells = SummaryCells()
        var seen = Array(repeating: false, count: Self.tableNames.count)
        for table in checked.report.tables {
            // Figures come as `report.figures`; a cell table by that name has no row shape.
            if table.name == .figures, !table.cells.isEmpty {
                prepared.error = LoadError.noRowShape(table.name.rawValue)
                return
            }
            let slot = Self.slot(of: table.name)
            let order = naturalOrder.order(table)
            if !seen[slot] { summaryCells.collect(table, rows: naturalOrder.rows, columns: naturalOrder.columns) }
            seen[slot] = true
            let destination = PreparedRows.destination(of: table.name, quarantined: checked.quarantined)
            // Taken out of the array while rows are added, so its buffers are not shared (and copied).
            var rows = prepared[keyPath: destination][slot].take() ?? TableRows(values[slot], rowCapacity: table.cells.count)
            let shared = SharedValues(
                table: table.name, id: header.reportID, year: meta.reportYear, agency: meta.agency,
                template: table.template.rawValue)
            // Cells are read in place: a copy of each would retain and release its strings.
            table.cells.withUnsafeBufferPointer { cells in
                if let order {
                    for index in order { Self.appendRow(cells[index], shared, to: &rows) }
                } else {
                    for index in cells.indices { Self.appendRow(cells[index], shared, to: &rows) }
                }
            }
            prepared[keyPath: destination][slot] = rows
        }
        let figures = checked.report.figures
        if !figures.isEmpty {
            let slot = Self.slot(of: .figures)
            let destination = PreparedRows.destination(of: .figures, quarantined: checked.quarantined)
            var rows = prepared[keyPath: destination][slot].take() ?? TableRows(values[slot], rowCapacity: figures.count)
            for figure in figures {
                rows.text(header.reportID)
                rows.int32(meta.reportYear)
                rows.text(meta.agency)
                rows.text(figure.metric)
                rows.double(figure.value)
                rows.text(figure.unit)
                rows.text(figure.qualifier?.rawValue)
                rows.text(figure.quote)
                rows.int32(figure.line)
                rows.endRow()
            }
            prepared[keyPath: destination][slot] = rows
        }
        if !checked.rejects.isEmpty {
            var rows = prepared.rejects.take() ?? TableRows(rejects, rowCapacity: checked.rejects.count)
            for reject in checked.rejects {
                rows.text(reject.reportID)
                rows.text(reject.sourcePath)
                rows.text(reject.stage.rawValue)
                rows.text(reject.ruleID)
                rows.text(reject.severity.rawValue)
                rows.text(reject.table?.rawValue)
                rows.text(reject.rowCode)
                rows.text(reject.columnCode)
                rows.text(reject.expected)
                rows.text(reject.actual)
                rows.text(reject.message)
                rows.int32(reject.line)
                rows.endRow()
                prepared.rejectsJSONL += Self.jsonLine(reject)
            }
            prepared.rejects = rows
        }
        if writesSummary {
            var summary = prepared.summary.take()
                ?? CSVRecords(kinds: Self.summaryKinds, options: csvOptions, byteCapacity: 512)
            do {
                try appendSummaryRecord(checked, summaryCells, to: &summary)
                prepared.summary = summary
            } catch {
                prepared.error = error
            }
        }
    }

    /// Values every row of one table of a report repeats.
    private struct SharedValues {
        let table: TableName
        let id: String
        let year: Int?
        let agency: String?
        let template: String
    }

    private static func appendRow(_ cell: borrowing ValueCell, _ shared: borrowing SharedValues, to rows: inout TableRows) {
        rows.text(shared.id)
        rows.int32(shared.year)
        rows.text(shared.agency)
        switch shared.table {
        case .applications:
            rows.text(cell.rowCode)
            rows.text(cell.columnCode)
            rows.roundedInt64(cell.value)
            rows.text(cell.raw)
            rows.bool(cell.derived)
            rows.int32(cell.line)
            rows.text(shared.template)
        case .activeDisclosure:
            rows.text(shared.template)
            rows.text(cell.rowCode)
            rows.text(cell.columnCode)
            rows.double(cell.value)
            rows.text(cell.unit)
            rows.text(cell.raw)
            rows.int32(cell.line)
            rows.bool(cell.derived)
        case .appeals:
            rows.text(cell.rowCode)
            rows.text(cell.columnCode)
            rows.roundedInt64(cell.value)
            rows.text(cell.raw)
            rows.int32(cell.line)
            rows.bool(cell.derived)
        case .figures:
            return
        }
        rows.endRow()
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

    /// The report's summary.csv record.
    private func appendSummaryRecord(_ checked: CheckedReport, _ cells: borrowing SummaryCells, to summary: inout CSVRecords) throws {
        let meta = checked.header.metadata
        summary.appendText(checked.header.sourcePath)
        summary.appendText(meta.agency)
        if let year = meta.reportYear { summary.appendInteger(Int64(year)) } else { summary.appendNull() }
        summary.appendText(meta.template.rawValue)
        summary.appendText(checked.status.rawValue)
        for slot in Self.summaryApplicationSlots { Self.appendSummaryValue(cells.applications.value(at: slot), to: &summary) }
        for slot in Self.summaryAppealsSlots { Self.appendSummaryValue(cells.appeals.value(at: slot), to: &summary) }
        summary.appendInteger(Int64(checked.errorCount))
        summary.appendInteger(Int64(checked.warningCount))
        try summary.endRecord()
    }

    private static func appendSummaryValue(_ value: Double?, to summary: inout CSVRecords) {
        guard let value else { return summary.appendNull() }
        if let integral = TableRows.integral(value) {
            summary.appendInteger(integral)
        } else {
            summary.appendText(String(value))
        }
    }
}
