import NianbaoCore

/// Normalize stage: raw cell text → typed values (report-formats §4.4).
public struct Normalizer: Sendable {
    public init() {}

    /// Every rule this stage can report.
    public static let rules: [Rule] = NormalizeRules.all

    public func normalize(_ report: ExtractedReport, findings: inout Findings) -> NormalizedReport {
        let tables = report.tables.map { table in
            NormalizedTable(
                name: table.name, template: table.template,
                cells: table.cells.map { cell in
                    let value = Double(cell.raw)
                    return ValueCell(
                        rowCode: cell.rowCode, columnCode: cell.columnCode, value: value,
                        kind: value == nil ? (cell.raw.isEmpty ? .blank : .unreadable) : .number,
                        raw: cell.raw, line: cell.line)
                })
        }
        return NormalizedReport(header: report.header, tables: tables, figures: report.figures, breakdowns: report.breakdowns)
    }
}

/// Rules raised while reading cell tokens.
enum NormalizeRules {
    static let all: [Rule] = []
}
