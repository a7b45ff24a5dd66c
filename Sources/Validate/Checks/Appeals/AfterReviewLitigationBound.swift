import NianbaoCore

/// R4: suits after reconsideration come from this year's reconsiderations or earlier years', so they may
/// exceed this year's reconsideration total; only a count far beyond it is suspicious. "Far" is taken as
/// more than twice the reconsiderations plus five, so small agencies with one old case stay silent.
struct AfterReviewLitigationBound: Check {
    let rule = Rule(
        id: "R4", stage: .validate, severity: .warning,
        title: "litigation after reconsideration is not far above this year's reconsiderations (> 2 × review + 5)",
        spec: "report-formats §3.2")

    static let slack = 5.0

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        let at = AppealsCodes.at
        guard let grid = input.appeals,
            let review = grid.value(at.review, at.totalColumn),
            let afterReview = grid.value(at.litigationAfterReview, at.totalColumn)
        else { return }
        let bound = 2 * review + Self.slack
        guard afterReview > bound else { return }
        let line = grid.line(at.litigationAfterReview, at.totalColumn)
        findings.add(
            rule,
            "R4: litigation_after_review total \(NumberText.format(afterReview)) is far above review total "
                + "\(NumberText.format(review))\(NumberText.at(line))",
            table: .appeals, row: "litigation_after_review", column: "total",
            expected: "≤ \(NumberText.format(bound))", actual: NumberText.format(afterReview), line: line)
    }
}
