import NianbaoCore

/// report-formats §3.4: counts are integers. Amount columns are decimals and are D5's business.
struct FractionalCount: Check {
    let rule = Rule(
        id: "fractional_count", stage: .validate, severity: .error,
        title: "counts (everything but the amount columns) are whole numbers",
        spec: "report-formats §3.4")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        for grid in [input.applications, input.activeDisclosure, input.appeals].compactMap({ $0 }) {
            for cell in grid.table.cells where cell.kind == .number && !DisclosureCodes.isAmount(cell.columnCode) {
                guard let value = cell.value, !NumberText.isWhole(value) else { continue }
                findings.add(
                    rule,
                    "\(grid.name.rawValue) \(cell.rowCode)/\(cell.columnCode): count \"\(cell.raw)\" is not a whole number"
                        + NumberText.at(cell.line),
                    table: grid.name, row: cell.rowCode, column: cell.columnCode,
                    expected: "whole number", actual: NumberText.format(value), line: cell.line)
            }
        }
    }
}
