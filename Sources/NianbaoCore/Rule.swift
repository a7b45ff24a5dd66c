/// A check or failure kind, declared once with a stable id. Rejects carry the id; `nianbao rules` lists them.
public struct Rule: Sendable, Hashable, Codable {
    /// Stable id as written in rejects (`A1`, `undecodable`, …).
    public let id: String
    public let stage: StageName
    public let severity: Severity
    /// One line saying what the rule demands.
    public let title: String
    /// Where the rule comes from, e.g. `report-formats §3.1`.
    public let spec: String

    public init(id: String, stage: StageName, severity: Severity, title: String, spec: String) {
        self.id = id
        self.stage = stage
        self.severity = severity
        self.title = title
        self.spec = spec
    }

    /// The same rule with a configured severity (pipeline.json `rules.<id>.severity`).
    public func with(severity: Severity) -> Rule {
        Rule(id: id, stage: stage, severity: severity, title: title, spec: spec)
    }
}

/// One failed check or unreadable input: a row of the contract's `rejects` table.
public struct Reject: Sendable, Hashable, Codable {
    public var reportID: String?
    public var sourcePath: String
    public var stage: StageName
    public var ruleID: String
    public var severity: Severity
    public var table: TableName?
    public var rowCode: String?
    public var columnCode: String?
    public var expected: String?
    public var actual: String?
    public var message: String
    public var line: Int?

    public init(
        reportID: String?, sourcePath: String, stage: StageName, ruleID: String, severity: Severity,
        table: TableName? = nil, rowCode: String? = nil, columnCode: String? = nil,
        expected: String? = nil, actual: String? = nil, message: String, line: Int? = nil
    ) {
        self.reportID = reportID
        self.sourcePath = sourcePath
        self.stage = stage
        self.ruleID = ruleID
        self.severity = severity
        self.table = table
        self.rowCode = rowCode
        self.columnCode = columnCode
        self.expected = expected
        self.actual = actual
        self.message = message
        self.line = line
    }
}

/// What a stage noticed about one report, collected rather than thrown (bad input never stops a run).
/// The rule supplies stage and severity, so a call site cannot get them wrong.
public struct Findings: Sendable {
    public let reportID: String?
    public let sourcePath: String
    public private(set) var rejects: [Reject] = []

    public init(reportID: String?, sourcePath: String, rejects: [Reject] = []) {
        self.reportID = reportID
        self.sourcePath = sourcePath
        self.rejects = rejects
    }

    public mutating func add(
        _ rule: Rule, _ message: String, table: TableName? = nil, row: String? = nil, column: String? = nil,
        expected: String? = nil, actual: String? = nil, line: Int? = nil
    ) {
        rejects.append(
            Reject(
                reportID: reportID, sourcePath: sourcePath, stage: rule.stage, ruleID: rule.id,
                severity: rule.severity, table: table, rowCode: row, columnCode: column,
                expected: expected, actual: actual, message: message, line: line))
    }

    public mutating func append(contentsOf other: Findings) {
        rejects.append(contentsOf: other.rejects)
    }

    public var errorCount: Int { rejects.count { $0.severity == .error } }
    public var warningCount: Int { rejects.count { $0.severity == .warning } }
}
