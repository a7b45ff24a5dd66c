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
    public var escapedCellCount: Int { escaped }
    public var rowCount: Int { rows }
    // Private counters: a public stored property keeps a dynamic exclusivity check on every update.
    private var escaped = 0
    private var rows = 0

    private let sink: CSVSink
    private var isClosed = false
    /// The record being appended field by field; finished records move to the sink.
    private var record: CSVRecords

    public init(path: String, header: [String], kinds: [CSVColumnKind], options: CSVOptions) throws {
        self.path = path
        guard header.count == kinds.count else { throw CSVError.rowWidth(expected: header.count, found: kinds.count) }
        record = CSVRecords(kinds: kinds, options: options)
        sink = try CSVSink(path: path, gzip: options.gzip)
        if options.byteOrderMark {
            try [UInt8]([0xEF, 0xBB, 0xBF]).withUnsafeBufferPointer { try sink.append($0) }
        }
        // Header names are ours, not data, so they are quoted as needed but never formula-guarded.
        var names = CSVRecords(kinds: kinds, guardsFormulas: false)
        for name in header { names.appendText(name) }
        try names.endRecord()
        try names.withFinishedBytes { try sink.append($0) }
    }

    public func append(_ fields: [String?]) throws {
        guard !isClosed else { throw CSVError.io(path: path, reason: "writer is closed") }
        guard fields.count == record.kinds.count else {
            throw CSVError.rowWidth(expected: record.kinds.count, found: fields.count)
        }
        for field in fields {
            if let field { appendText(field) } else { appendNull() }
        }
        try endRecord()
    }

    /// Appends records built for this writer's columns and options; a record still being written is left out.
    public func append(_ records: CSVRecords) throws {
        try records.withFinishedBytes {
            try append(text: UnsafeRawBufferPointer($0), columns: records.kinds.count, records: records.count, escaped: records.escapedCellCount)
        }
    }

    /// Appends the text of `records` whole records of `columns` columns.
    func append(text: UnsafeRawBufferPointer, columns: Int, records: Int, escaped neutralised: Int) throws {
        guard !isClosed else { throw CSVError.io(path: path, reason: "writer is closed") }
        guard columns == record.kinds.count else { throw CSVError.rowWidth(expected: record.kinds.count, found: columns) }
        guard records > 0 else { return }
        try sink.append(text.assumingMemoryBound(to: UInt8.self))
        rows += records
        escaped += neutralised
        try sink.flushIfFull()
    }

    // MARK: Field by field
    // One call per field, then `endRecord()`: no `[String?]` per row and no String per number.

    /// A text field; guarded against formulas when its column is `.text`.
    public func appendText(_ text: borrowing String) {
        record.appendText(text)
    }

    public func appendText(_ text: String?) {
        record.appendText(text)
    }

    /// UTF-8 bytes of a text field.
    public func appendText(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        record.appendText(utf8: bytes)
    }

    /// An integer in decimal, as `String(value)` spells it.
    public func appendInteger(_ value: Int64) {
        record.appendInteger(value)
    }

    /// An empty cell.
    public func appendNull() {
        record.appendNull()
    }

    /// Ends the record. A record without exactly one field per column is taken back and throws.
    public func endRecord() throws {
        guard !isClosed else {
            record.takeBackRecord()
            throw CSVError.io(path: path, reason: "writer is closed")
        }
        try record.endRecord()
        try append(record)
        record.removeAll()
    }

    public func close() throws {
        guard !isClosed else { return }
        isClosed = true
        try sink.close()
    }
}
