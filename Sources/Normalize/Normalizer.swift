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
                cells: table.cells.map { normalize($0, in: table.name, findings: &findings) })
        }
        return NormalizedReport(header: report.header, tables: tables, figures: report.figures, breakdowns: report.breakdowns)
    }

    /// One cell: the token read for its column's kind, with a warning when it needed a guess or could not be read.
    func normalize(_ cell: RawCell, in table: TableName, findings: inout Findings) -> ValueCell {
        let column = ColumnKind.of(table: table, column: cell.columnCode)
        let parsed = CellValueParser.parse(cell.raw, as: column)
        if let issue = parsed.issue { report(issue, parsed, cell, in: table, findings: &findings) }
        return ValueCell(
            rowCode: cell.rowCode, columnCode: cell.columnCode, value: parsed.value, kind: parsed.kind,
            unit: parsed.value == nil ? nil : column.unit(in: table), raw: cell.raw, line: cell.line)
    }

    /// Messages are built only for the few cells with an issue; this stage runs on every cell of every report.
    private func report(_ issue: CellIssue, _ parsed: ParsedCell, _ cell: RawCell, in table: TableName, findings: inout Findings) {
        let place = "\(table.rawValue) \(cell.rowCode)/\(cell.columnCode)"
        let lineText = cell.line.map { " (line \($0))" } ?? ""
        switch issue {
        case .leadingZero:
            findings.add(
                NormalizeRules.typoLeadingZero,
                "\(place): \"\(cell.raw)\" read as \(Self.format(parsed.value))\(lineText)",
                table: table, row: cell.rowCode, column: cell.columnCode,
                expected: Self.format(parsed.value), actual: cell.raw, line: cell.line)
        case .suspiciousChar:
            findings.add(
                NormalizeRules.suspiciousChar,
                "\(place): \"\(cell.raw)\" mixes digits with look-alike letters; left unread\(lineText)",
                table: table, row: cell.rowCode, column: cell.columnCode, actual: cell.raw, line: cell.line)
        case .unreadable(let reason):
            findings.add(
                NormalizeRules.unreadableCell,
                "\(place): \"\(cell.raw)\" is not a value (\(reason))\(lineText)",
                table: table, row: cell.rowCode, column: cell.columnCode, actual: cell.raw, line: cell.line)
        }
    }

    /// Integers without a decimal point, other numbers as Swift prints them.
    static func format(_ value: Double?) -> String {
        guard let value else { return "null" }
        // Int(_:) is only safe inside the exact-integer range; NaN fails the comparison.
        if abs(value) < 1e15, Double(Int(value)) == value { return String(Int(value)) }
        return String(value)
    }
}
