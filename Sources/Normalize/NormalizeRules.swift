import NianbaoCore

/// Rules raised while reading cell tokens (report-formats §4.4). They are warnings: the cell keeps a
/// value or becomes null, and the identities downstream decide whether the table still adds up.
enum NormalizeRules {
    static let typoLeadingZero = Rule(
        id: "typo_leading_zero", stage: .normalize, severity: .warning,
        title: "a count is written with a leading zero (\"00\", \"0 0\"), read as the number without it",
        spec: "report-formats §3.4, §4.4")
    static let suspiciousChar = Rule(
        id: "suspicious_char", stage: .normalize, severity: .warning,
        title: "a number uses a letter for a digit (\"O\" for 0, \"l\" for 1); left unread, not guessed",
        spec: "report-formats §4.4")
    static let unreadableCell = Rule(
        id: "unreadable_cell", stage: .normalize, severity: .warning,
        title: "a table cell holds text that is no number, dash or blank; stored as null",
        spec: "report-formats §4.4")

    static let all: [Rule] = [typoLeadingZero, suspiciousChar, unreadableCell]
}
