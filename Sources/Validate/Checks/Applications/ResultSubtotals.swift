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
        let at = ApplicationCodes.at
        for (row, children) in at.subtotals where grid.hasRow(row) {
            for column in at.columns {
                // A subtotal is a total: nil when blank and not derived.
                guard let subtotal = grid.filled(row, column),
                    Identity.fails(grid.sum(rows: children, column: column), 0 + subtotal)
                else { continue }
                Identity.check(
                    rule, scope: "\(grid.rowCode(row)) \(grid.columnCode(column))",
                    parts: children.map { grid.term(row: $0, column: column) },
                    totals: [Term(label: grid.rowCode(row), value: subtotal)],
                    table: .applications, row: grid.rowCode(row), column: grid.columnCode(column),
                    line: grid.line(row, column), findings: &findings)
            }
        }
    }
}
