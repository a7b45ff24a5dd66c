import NianbaoCore

/// D5: procurement and fee amounts are ≥ 0 with at most four decimals in their unit (report-formats §3.3:
/// "up to 2–4 decimals"; four keeps 万元 amounts exact to the yuan).
struct AmountPlausible: Check {
    let rule = Rule(
        id: "D5", stage: .validate, severity: .error,
        title: "amounts (procurement in yuan, fees in 万元) are ≥ 0 with at most 4 decimals",
        spec: "report-formats §3.3")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.activeDisclosure else { return }
        // The value test first: it is arithmetic, the column test compares strings.
        grid.forEachNumber(where: { $0 < 0 || Self.isTooPrecise($0) }) { cell, value in
            guard DisclosureCodes.isAmount(cell.columnCode) else { return }
            let unit = cell.unit.map { " \($0)" } ?? ""
            let problem = value < 0 ? "is negative" : "has more than 4 decimals"
            findings.add(
                rule,
                "D5 \(cell.rowCode)/\(cell.columnCode): amount \(NumberText.format(value))\(unit) \(problem)\(NumberText.at(cell.line))",
                table: .activeDisclosure, row: cell.rowCode, column: cell.columnCode,
                expected: "≥ 0, ≤ 4 decimals", actual: cell.raw, line: cell.line)
        }
    }

    private static func isTooPrecise(_ value: Double) -> Bool {
        let scaled = value * 10_000
        return abs(scaled) < 1e15 && abs(scaled - scaled.rounded()) > max(1e-6, scaled.ulp * 16)
    }
}
