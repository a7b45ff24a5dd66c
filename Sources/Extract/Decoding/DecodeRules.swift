import NianbaoCore

/// Rules for files that cannot be read as a report.
enum DecodeRules {
    static let undecodable = Rule(
        id: "undecodable", stage: .extract, severity: .error,
        title: "the file is binary, empty or in no supported text encoding", spec: "report-formats §4; issue 2")
    static let noReportFound = Rule(
        id: "no_report_found", stage: .extract, severity: .error,
        title: "the text holds no annual report (no heading, table or figure)", spec: "output-contract reports.status")

    static let all: [Rule] = [undecodable, noReportFound]
}
