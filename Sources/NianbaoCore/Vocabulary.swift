/// Names every stage shares: stages, severities, tables, templates.

/// The pipeline stage that produced a reject (output-contract `rejects.stage`).
public enum StageName: String, Sendable, Codable, CaseIterable {
    case extract, normalize, validate, load
}

/// How bad a failed check is. Errors quarantine a table; warnings only flag it.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    case warning, error
    public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
}

/// The value tables of the output contract that hold report data.
public enum TableName: String, Sendable, Codable, CaseIterable, Hashable {
    case applications
    case activeDisclosure = "active_disclosure"
    case appeals
    case figures
}

/// Template generation (report-formats §1.2); raw values are the contract's `reports.template` strings.
public enum Template: String, Sendable, Codable, CaseIterable {
    case pre2019
    case t2019 = "2019"
    case t2021 = "2021"
    case hybrid
    case unknown
}

/// Script of a document after decoding (contract `reports.script`).
public enum Script: String, Sendable, Codable {
    case simplified, traditional, mixed
}

/// What became of one input file (contract `reports.status`).
public enum ReportStatus: String, Sendable, Codable {
    /// No warnings, no errors.
    case ok
    /// Only warning-level rejects.
    case flagged
    /// At least one error-level check failed; the failing tables went to quarantine (or were kept, by policy).
    case rejected
    /// Unreadable, or no report found in it.
    case failed
}

/// A calendar date without time zone; published and signed dates are days, not instants.
public struct CivilDate: Sendable, Codable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    /// Returns nil for impossible dates (month 13, 30 February).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Parquet DATE), by the civil-from-days algorithm of H. Hinnant.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// ISO 8601, e.g. `2022-02-18`.
    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}
