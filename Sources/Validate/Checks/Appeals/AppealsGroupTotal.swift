import NianbaoCore

/// R1–R3 share one shape: a group's 总计 is its four outcome columns.
enum AppealsGroupTotal {
    static func check(_ rule: Rule, group: Int, _ input: CheckInput, findings: inout Findings) {
        guard let grid = input.appeals else { return }
        let at = AppealsCodes.at
        guard let total = grid.value(group, at.totalColumn), Identity.fails(grid.sum(row: group, columns: at.leaves), 0 + total)
        else { return }
        let code = grid.rowCode(group)
        Identity.check(
            rule, scope: code, parts: grid.terms(row: group, columns: at.leaves),
            totals: [Term(label: "total", value: 0 + total)],
            table: .appeals, row: code, column: "total", line: grid.line(group, at.totalColumn), findings: &findings)
    }
}

/// R1: 行政复议 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 (seed 002: 5 + 0 + 5 + 3 = 13).
struct ReviewTotal: Check {
    let rule = Rule(
        id: "R1", stage: .validate, severity: .error,
        title: "reconsideration total = upheld + corrected + other + pending",
        spec: "report-formats §3.2")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        AppealsGroupTotal.check(rule, group: AppealsCodes.at.review, input, findings: &findings)
    }
}

/// R2: 未经复议直接起诉 总计 = its four outcomes (seed 002: 0 + 0 + 0 + 3 = 3).
struct DirectLitigationTotal: Check {
    let rule = Rule(
        id: "R2", stage: .validate, severity: .error,
        title: "direct litigation total = upheld + corrected + other + pending",
        spec: "report-formats §3.2")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        AppealsGroupTotal.check(rule, group: AppealsCodes.at.litigationDirect, input, findings: &findings)
    }
}

/// R3: 复议后起诉 总计 = its four outcomes.
struct AfterReviewLitigationTotal: Check {
    let rule = Rule(
        id: "R3", stage: .validate, severity: .error,
        title: "litigation after reconsideration total = upheld + corrected + other + pending",
        spec: "report-formats §3.2")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        AppealsGroupTotal.check(rule, group: AppealsCodes.at.litigationAfterReview, input, findings: &findings)
    }
}
