import NianbaoCore

/// A6: what is carried forward cannot exceed what was open this year. Follows from A1 with non-negative
/// cells, but needs neither the total row nor the results, so it still speaks when those are unreadable.
struct CarriedForwardBound: Check {
    let rule = Rule(
        id: "A6", stage: .validate, severity: .error,
        title: "carried forward ≤ new received + carried over, in every column",
        spec: "report-formats §3.1")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let grid = input.applications else { return }
        let at = ApplicationCodes.at
        for column in at.columns {
            guard let forward = grid.value(at.carriedForward, column),
                let received = grid.value(at.newReceived, column),
                let over = grid.value(at.carriedOver, column)
            else { continue }
            let open = received + over
            guard forward > open + Identity.tolerance else { continue }
            let line = grid.line(at.carriedForward, column)
            let code = grid.columnCode(column)
            findings.add(
                rule,
                "A6 \(code): carried_forward \(NumberText.format(forward)) exceeds new_received "
                    + "\(NumberText.format(received)) + carried_over \(NumberText.format(over)) = "
                    + "\(NumberText.format(open))\(NumberText.at(line))",
                table: .applications, row: "carried_forward", column: code,
                expected: "≤ \(NumberText.format(open))", actual: NumberText.format(forward), line: line)
        }
    }
}
