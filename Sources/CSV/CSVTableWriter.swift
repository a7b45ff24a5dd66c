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
///
/// Records end in CRLF (RFC 4180). A field is quoted only when it holds `,` `"` CR or LF or starts or
/// ends with a space or tab; quotes inside are doubled. An empty string is written as `""` so it stays
/// distinguishable from nil. With the spreadsheet profile, a text cell starting with `= + - @ TAB CR`
/// gets a leading `'` (OWASP CSV injection); number, boolean and date columns are never touched, so `-5`
/// stays a number. The caller picks the path (`.csv.gz` when `gzip` is on).
public final class CSVTableWriter {
    public let path: String
    /// Text cells that were neutralised by the spreadsheet profile.
    public private(set) var escapedCellCount = 0
    public private(set) var rowCount = 0

    private let kinds: [CSVColumnKind]
    private let guardsFormulas: Bool
    private let sink: CSVSink
    private var isClosed = false

    public init(path: String, header: [String], kinds: [CSVColumnKind], options: CSVOptions) throws {
        self.path = path
        guard header.count == kinds.count else { throw CSVError.rowWidth(expected: header.count, found: kinds.count) }
        self.kinds = kinds
        guardsFormulas = options.profile == .spreadsheet
        sink = try CSVSink(path: path, gzip: options.gzip)
        if options.byteOrderMark {
            for byte: UInt8 in [0xEF, 0xBB, 0xBF] { sink.append(byte) }
        }
        // Header names are ours, not data, so they are quoted as needed but never formula-guarded.
        try writeRecord(header.map(Optional.some), guarding: false)
    }

    public func append(_ fields: [String?]) throws {
        guard !isClosed else { throw CSVError.io(path: path, reason: "writer is closed") }
        guard fields.count == kinds.count else { throw CSVError.rowWidth(expected: kinds.count, found: fields.count) }
        try writeRecord(fields, guarding: guardsFormulas)
        rowCount += 1
    }

    public func close() throws {
        guard !isClosed else { return }
        isClosed = true
        try sink.close()
    }

    private func writeRecord(_ fields: [String?], guarding: Bool) throws {
        for index in fields.indices {
            if index > 0 { sink.append(UInt8(ascii: ",")) }
            guard let field = fields[index] else { continue }
            let guardsThis = guarding && kinds[index] == .text
            var text = field
            text.withUTF8 { writeField($0, guardingFormula: guardsThis) }
        }
        sink.append(UInt8(ascii: "\r"))
        sink.append(UInt8(ascii: "\n"))
        try sink.flushIfFull()
    }

    private func writeField(_ bytes: UnsafeBufferPointer<UInt8>, guardingFormula: Bool) {
        let prefixesQuote = guardingFormula && bytes.first.map(Self.startsFormula) == true
        if prefixesQuote { escapedCellCount += 1 }
        // After the `'` prefix the cell no longer starts with whitespace, so only the end counts.
        let needsQuotes =
            bytes.isEmpty
            || (!prefixesQuote && bytes.first.map(Self.isEdgeSpace) == true)
            || bytes.last.map(Self.isEdgeSpace) == true
            || bytes.contains(where: Self.isSpecial)
        if needsQuotes { sink.append(UInt8(ascii: "\"")) }
        if prefixesQuote { sink.append(UInt8(ascii: "'")) }
        if needsQuotes {
            var start = 0
            for index in bytes.indices where bytes[index] == UInt8(ascii: "\"") {
                sink.append(UnsafeBufferPointer(rebasing: bytes[start...index]))
                sink.append(UInt8(ascii: "\""))
                start = index + 1
            }
            sink.append(UnsafeBufferPointer(rebasing: bytes[start...]))
            sink.append(UInt8(ascii: "\""))
        } else {
            sink.append(bytes)
        }
    }

    /// OWASP: characters that make a spreadsheet treat the cell as a formula (or smuggle one in).
    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A
    }

    private static func isEdgeSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == 0x09
    }
}
