import NianbaoCore

/// D2 (2021 template): nothing can be repealed that was neither in force last year nor issued this year.
/// It needs last year's in_force, so it runs across reports like D1.
struct RepealBound: CrossYearCheck {
    let rule = Rule(
        id: "D2", stage: .validate, severity: .warning,
        title: "repealed ≤ last year's in force + issued (2021 template, same agency)",
        spec: "report-formats §3.3")

    func evaluate(previous: CrossReportFacts, current: CrossReportFacts, findings: inout Findings) {
        for item in DisclosureCodes.items {
            guard let issued = current.cells[FactKey.make(.activeDisclosure, item, "issued")],
                let repealed = current.cells[FactKey.make(.activeDisclosure, item, "repealed")],
                let before = previous.cells[FactKey.make(.activeDisclosure, item, "in_force")]
            else { continue }
            let bound = before + issued
            guard repealed > bound + Identity.tolerance else { continue }
            findings.add(
                rule,
                "D2 \(item): repealed \(NumberText.format(repealed)) in \(current.reportYear) exceeds in_force "
                    + "\(NumberText.format(before)) (\(previous.reportYear), \(previous.sourcePath)) + issued \(NumberText.format(issued))",
                table: .activeDisclosure, row: item, column: "repealed",
                expected: "≤ \(NumberText.format(bound))", actual: NumberText.format(repealed))
        }
    }
}
