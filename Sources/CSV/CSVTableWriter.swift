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

    private let kinds: [CSVColumnKind]
    private let guardsFormulas: Bool
    private let sink: CSVSink
    private var isClosed = false
    /// The record being written field by field: its next field, where it starts in the sink, and
    /// the cells it neutralised, so a record of the wrong width can be taken back whole.
    private var field = 0
    private var recordStart = 0
    private var recordEscaped = 0

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
        for name in header {
            var text = name
            text.withUTF8 { appendField($0, guarding: false) }
        }
        try endRecord()
        rows = 0
    }

    public func append(_ fields: [String?]) throws {
        guard !isClosed else { throw CSVError.io(path: path, reason: "writer is closed") }
        guard fields.count == kinds.count else { throw CSVError.rowWidth(expected: kinds.count, found: fields.count) }
        for field in fields {
            if let field { appendText(field) } else { appendNull() }
        }
        try endRecord()
    }

    // MARK: Field by field
    // One call per field, then `endRecord()`: no `[String?]` per row and no String per number.

    /// A text field; guarded against formulas when its column is `.text`.
    public func appendText(_ text: borrowing String) {
        text.utf8Span.span.withUnsafeBufferPointer { appendField($0, guarding: guardsFormulas) }
    }

    public func appendText(_ text: String?) {
        if let text { appendText(text) } else { appendNull() }
    }

    /// UTF-8 bytes of a text field.
    public func appendText(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        appendField(bytes, guarding: guardsFormulas)
    }

    /// An integer in decimal, as `String(value)` spells it.
    public func appendInteger(_ value: Int64) {
        let index = field
        // A negative number in a text column is guarded like any text (a leading `-`).
        guard index < kinds.count, value >= 0 || !guardsFormulas || kinds[index] != .text else {
            return appendSignedText(value)
        }
        field += 1
        var digitCount = 0
        var rest = value.magnitude
        repeat {
            digitCount += 1
            rest /= 10
        } while rest != 0
        // Digits and a sign never need quotes.
        let start = sink.reserve(digitCount + 2)
        var out = start
        if index > 0 {
            out.pointee = UInt8(ascii: ",")
            out += 1
        }
        if value < 0 {
            out.pointee = UInt8(ascii: "-")
            out += 1
        }
        out += digitCount
        var cursor = out
        var magnitude = value.magnitude
        repeat {
            cursor -= 1
            cursor.pointee = UInt8(truncatingIfNeeded: magnitude % 10) &+ UInt8(ascii: "0")
            magnitude /= 10
        } while magnitude != 0
        sink.count += out - start
    }

    private func appendSignedText(_ value: Int64) {
        var text = String(value)
        text.withUTF8 { appendField($0, guarding: guardsFormulas) }
    }

    /// An empty cell.
    public func appendNull() {
        let index = field
        field += 1
        if index > 0 { sink.append(UInt8(ascii: ",")) }
    }

    /// Ends the record. A record without exactly one field per column is taken back and throws.
    public func endRecord() throws {
        let found = field
        field = 0
        guard !isClosed, found == kinds.count else {
            sink.count = recordStart
            escaped -= recordEscaped
            recordEscaped = 0
            if isClosed { throw CSVError.io(path: path, reason: "writer is closed") }
            throw CSVError.rowWidth(expected: kinds.count, found: found)
        }
        let end = sink.reserve(2)
        end[0] = UInt8(ascii: "\r")
        end[1] = UInt8(ascii: "\n")
        sink.count += 2
        rows += 1
        recordEscaped = 0
        try sink.flushIfFull()
        recordStart = sink.count
    }

    public func close() throws {
        guard !isClosed else { return }
        isClosed = true
        try sink.close()
    }

    /// Writes the separator and the field, quoted and guarded as the type's documentation says.
    @inline(__always)
    private func appendField(_ bytes: UnsafeBufferPointer<UInt8>, guarding: Bool) {
        let index = field
        field += 1
        // Past the last column nothing is written; `endRecord` refuses the record.
        guard index < kinds.count else { return }
        let count = bytes.count
        let first = bytes.first
        let prefixesQuote = guarding && kinds[index] == .text && first.map(Self.startsFormula) == true
        if prefixesQuote {
            escaped += 1
            recordEscaped += 1
        }
        // After the `'` prefix the cell no longer starts with whitespace, so only the end counts.
        let needsQuotes =
            count == 0
            || (!prefixesQuote && first.map(Self.isEdgeSpace) == true)
            || bytes.last.map(Self.isEdgeSpace) == true
            || Self.containsSpecial(bytes)
        // Separator, two quotes, the prefix and every byte doubled at worst.
        let start = sink.reserve(2 * count + 4)
        var out = start
        if index > 0 {
            out.pointee = UInt8(ascii: ",")
            out += 1
        }
        if needsQuotes {
            out.pointee = UInt8(ascii: "\"")
            out += 1
        }
        if prefixesQuote {
            out.pointee = UInt8(ascii: "'")
            out += 1
        }
        if needsQuotes {
            for byte in bytes {
                out.pointee = byte
                out += 1
                if byte == UInt8(ascii: "\"") {
                    out.pointee = byte
                    out += 1
                }
            }
            out.pointee = UInt8(ascii: "\"")
            out += 1
        } else if let base = bytes.baseAddress {
            out.update(from: base, count: count)
            out += count
        }
        sink.count += out - start
    }

    /// Whether any byte is `,` `"` CR or LF; eight bytes per step (a zero byte after XOR marks a match).
    @inline(__always)
    private static func containsSpecial(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var offset = 0
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
            let x = word ^ (ones &* UInt64(byte))
            return (x &- ones) & ~x & highs != 0
        }
        while offset + 8 <= count {
            let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
            if hasByte(word, 0x2C) || hasByte(word, 0x22) || hasByte(word, 0x0D) || hasByte(word, 0x0A) { return true }
            offset += 8
        }
        while offset < count {
            if isSpecial(base[offset]) { return true }
            offset += 1
        }
        return false
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
