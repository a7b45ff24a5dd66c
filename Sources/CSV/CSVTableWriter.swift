/// Public API of the CSV writer (RFC 4180, spreadsheet-safe by default).

/// How a column's cells are treated: text cells are guarded against formula injection, others never.
public enum CSVColumnKind: Sendable, Hashable {
    case text, number, boolean, date
}

/// `spreadsheet` neutralises cells a spreadsheet would run as formulas; `raw` writes text verbatim.
public enum CSVProfile: String, Sendable, Codable, Hashable {
    case spreadsheet, raw
}

/// Writer settings.
public struct CSVOptions: Sendable, Hashable {
    public var profile: CSVProfile
    /// UTF-8 byte-order mark, which Excel needs to show Chinese.
    public var byteOrderMark: Bool
    /// Write `<name>.csv.gz` (gzip) instead of plain text.
    public var gzip: Bool

    public init(profile: CSVProfile = .spreadsheet, byteOrderMark: Bool = true, gzip: Bool = false) {
        self.profile = profile
        self.byteOrderMark = byteOrderMark
        self.gzip = gzip
    }
}

public enum CSVError: Error, CustomStringConvertible, Equatable {
    case io(path: String, reason: String)
    case rowWidth(expected: Int, found: Int)

    public var description: String {
        switch self {
        case .io(let path, let reason): return "cannot write \(path): \(reason)"
        case .rowWidth(let expected, let found): return "expected \(expected) fields, found \(found)"
        }
    }
}

/// Streams rows into a CSV file with a header row; nil fields are written as empty cells.
public final class CSVTableWriter {
    public let path: String
    /// Text cells that were neutralised by the spreadsheet profile.
    public private(set) var escapedCellCount = 0

    public init(path: String, header: [String], kinds: [CSVColumnKind], options: CSVOptions) throws {
        self.path = path
    }

    public func append(_ fields: [String?]) throws {}

    public func close() throws {}
}
