import NianbaoCore

/// A5: （三）不予公开, （四）无法提供 and （五）不予处理 are the sums of their numbered rows. The template prints
/// no values for these group rows, so this is definitional and only checked when a report prints them.
struct ResultSubtotals: Check {
    let rule = Rule(
        id: "A5", stage: .validate, severity: .error,
        title: "a printed group row (denied, unable, not processed) = the sum of its numbered rows",
        spec: "report-formats §3.1")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.applications else { return }
        for (row, children) in ApplicationCodes.subtotals where grid.hasRow(row) {
            for column in ApplicationCodes.columns {
                Identity.check(
                    rule, scope: "\(row) \(column)",
                    parts: children.map { grid.term(row: $0, column: column) },
                    totals: [grid.filledTerm(row: row, column: column)],
                    table: .applications, row: row, column: column, line: grid.line(row, column), findings: &findings)
            }
        }
    }
}

extension TableGrid {
    /// A subtotal as a term: nil when blank and not derived, like any total.
    func filledTerm(row: String, column: String) -> Term? {
        guard let cell = cell(row, column), cell.isFilled, let value = cell.value else { return nil }
        return Term(label: row, value: value)
    }
}
