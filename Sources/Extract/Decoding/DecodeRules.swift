import NianbaoCore

/// Rules for files that cannot be read as a report, or were read with losses.
enum DecodeRules {
    static let undecodable = Rule(
        id: "undecodable", stage: .extract, severity: .error,
        title: "the file is binary, empty or in no supported text encoding", spec: "report-formats §4; issue 2")
    static let decodeReplacedBytes = Rule(
        id: "decode_replaced_bytes", stage: .extract, severity: .warning,
        title: "a few bytes were invalid in the detected encoding and were skipped",
        spec: "engineering-notes §3.3; issue 2")
    static let noReportFound = Rule(
        id: "no_report_found", stage: .extract, severity: .error,
        title: "the text holds no annual report (no heading, table or figure)", spec: "output-contract reports.status")

    static let all: [Rule] = [undecodable, decodeReplacedBytes, noReportFound]
}
