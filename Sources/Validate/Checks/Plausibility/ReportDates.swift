import NianbaoCore

/// The published and signed dates of a report, named for messages.
enum ReportDates {
    /// Calls `body` with each date the report has, published first; no array, as most reports pass.
    static func forEach(_ metadata: ReportMetadata, _ body: (_ field: String, _ date: CivilDate) -> Void) {
        if let published = metadata.publishedDate { body("published", published) }
        if let signed = metadata.signedDate { body("signed", signed) }
    }

    /// 1 December of the report year: local rules asked for reports from mid-December on (report-formats §3.4, S18).
    static func earliest(_ year: Int) -> CivilDate? {
        isCalendarYear(year) ? CivilDate(year: year, month: 12, day: 1) : nil
    }

    /// 31 March of the following year: the legal deadline for governments (departments: 31 January since 2019).
    static func deadline(_ year: Int) -> CivilDate? {
        isCalendarYear(year) ? CivilDate(year: year + 1, month: 3, day: 31) : nil
    }

    /// 1 January of the following year, when the year the report covers is over.
    static func yearEnd(_ year: Int) -> CivilDate? {
        isCalendarYear(year) ? CivilDate(year: year + 1, month: 1, day: 1) : nil
    }

    /// Years a date window can be built for; a misread year like 99999999999 must not overflow `year + 1`.
    private static func isCalendarYear(_ year: Int) -> Bool { (1...9998).contains(year) }
}

/// report-formats §3.4: "A date earlier than 1 December of the report year is an error": the report
/// would describe a year that has not ended, so the year or the date was read wrongly.
struct DateTooEarly: Check {
    let rule = Rule(
        id: "date_too_early", stage: .validate, severity: .error,
        title: "the published or signed date is not before 1 December of the report year",
        spec: "report-formats §3.4")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let year = input.metadata.reportYear, let earliest = ReportDates.earliest(year) else { return }
        ReportDates.forEach(input.metadata) { field, date in
            guard date < earliest else { return }
            findings.add(
                rule, "\(field) date \(date) is before \(earliest), too early for a report on \(year)",
                expected: "≥ \(earliest)", actual: date.description)
        }
    }
}

/// report-formats §3.4: reports are expected between 1 January and 31 March of the following year.
/// December signatures (local rules) and dates years later (reposts, migrated sites) occur: warn only.
struct DateWindow: Check {
    let rule = Rule(
        id: "date_window", stage: .validate, severity: .warning,
        title: "the published or signed date falls between 1 January and 31 March after the report year",
        spec: "report-formats §3.4")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let year = input.metadata.reportYear, let earliest = ReportDates.earliest(year),
            let yearEnd = ReportDates.yearEnd(year), let deadline = ReportDates.deadline(year)
        else { return }
        ReportDates.forEach(input.metadata) { field, date in
            guard date >= earliest else { return }
            let problem: String
            if date < yearEnd {
                problem = "before the report year \(year) ended"
            } else if date > deadline {
                problem = "after the deadline \(deadline) (a repost or a late report?)"
            } else {
                return
            }
            findings.add(
                rule, "\(field) date \(date) is \(problem)",
                expected: "\(yearEnd)…\(deadline)", actual: date.description)
        }
    }
}
