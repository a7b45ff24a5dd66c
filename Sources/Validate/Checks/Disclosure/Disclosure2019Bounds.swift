import NianbaoCore

/// D3 (2019 template): what was newly published this year cannot exceed all published to date, and the
/// item count after this year's change cannot be negative. (new_made ≥ 0 is D4's sign rule.)
struct Disclosure2019Bounds: Check {
    let rule = Rule(
        id: "D3", stage: .validate, severity: .warning,
        title: "new published ≤ total published; last year's items + change ≥ 0 (2019 template)",
        spec: "report-formats §3.3")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.activeDisclosure else { return }
        for item in DisclosureCodes.items {
            if let published = grid.numberTerm(item, "new_published"), let total = grid.numberTerm(item, "total_published"),
                published.value > total.value + Identity.tolerance
            {
                let line = grid.line(item, "new_published")
                findings.add(
                    rule,
                    "D3 \(item): new_published \(NumberText.format(published.value)) exceeds total_published "
                        + "\(NumberText.format(total.value))\(NumberText.at(line))",
                    table: .activeDisclosure, row: item, column: "new_published",
                    expected: "≤ \(NumberText.format(total.value))", actual: NumberText.format(published.value), line: line)
            }
            if let before = grid.numberTerm(item, "prev_year_items"), let change = grid.numberTerm(item, "change"),
                before.value + change.value < -Identity.tolerance
            {
                let line = grid.line(item, "change")
                findings.add(
                    rule,
                    "D3 \(item): prev_year_items \(NumberText.format(before.value)) + change \(NumberText.format(change.value)) "
                        + "is negative\(NumberText.at(line))",
                    table: .activeDisclosure, row: item, column: "change",
                    expected: "≥ \(NumberText.format(-before.value))", actual: NumberText.format(change.value), line: line)
            }
        }
    }
}

extension TableGrid {
    /// A cell that was read as a number; bounds are only checked on printed values.
    func numberTerm(_ row: String, _ column: String) -> Term? {
        guard let cell = cell(row, column), cell.kind == .number, let value = cell.value else { return nil }
        return Term(label: column, value: value)
    }
}
