/// CSV records of one table's columns, encoded apart from any file: a value, so records can be built on
/// any thread and handed to the `CSVTableWriter` of the same columns and options, which appends them in
/// one copy (`CSVTableWriter.append(_:)`). Fields are written as `CSVTableWriter` documents.
public struct CSVRecords: Sendable {
    let kinds: [CSVColumnKind]
    let guardsFormulas: Bool
    /// Encoded bytes; only `bytes[..<recordStart]` are finished records, the rest is the record being
    /// written and room reserved for it.
    private var bytes: [UInt8] = []
    private var byteCount = 0
    /// The record being written field by field: its next field, where it starts, and the cells it
    /// neutralised, so a record of the wrong width can be taken back whole.
    private var field = 0
    private(set) var recordStart = 0
    private var recordEscaped = 0
    /// Finished records.
    public private(set) var count = 0
    /// Text cells of the finished records that the spreadsheet profile neutralised.
    public private(set) var escapedCellCount = 0

    public init(kinds: [CSVColumnKind], options: CSVOptions, byteCapacity: Int = 0) {
        self.init(kinds: kinds, guardsFormulas: options.profile == .spreadsheet, byteCapacity: byteCapacity)
    }

    init(kinds: [CSVColumnKind], guardsFormulas: Bool, byteCapacity: Int = 0) {
        self.kinds = kinds
        self.guardsFormulas = guardsFormulas
        if byteCapacity > 0 { bytes = [UInt8](repeating: 0, count: byteCapacity) }
    }

    public var isEmpty: Bool { recordStart == 0 }

    /// The bytes of the finished records.
    func withFinishedBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[..<recordStart])) }
    }

    /// Drops every record, keeping the buffer.
    mutating func removeAll() {
        byteCount = 0
        field = 0
        recordStart = 0
        recordEscaped = 0
        count = 0
        escapedCellCount = 0
    }

    /// A text field; guarded against formulas when its column is `.text`.
    public mutating func appendText(_ text: borrowing String) {
        // In place: `utf8.withContiguousStorageIfAvailable` is inlined here, `utf8Span` is a call into the runtime
        // (13–23 ns a string). Only a String bridged from another representation has no contiguous UTF-8.
        let guarding = guardsFormulas
        if text.utf8.withContiguousStorageIfAvailable({ appendField($0, guarding: guarding) }) == nil {
            var copy = copy text
            copy.withUTF8 { appendField($0, guarding: guarding) }
        }
    }

    public mutating func appendText(_ text: String?) {
        if let text { appendText(text) } else { appendNull() }
    }

    /// UTF-8 bytes of a text field.
    public mutating func appendText(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        appendField(bytes, guarding: guardsFormulas)
    }

    /// `true` or `false`: what `appendText` writes for them, without its checks (neither word needs quotes or starts
    /// a formula).
    public mutating func appendBoolean(_ value: Bool) {
        let index = field
        field += 1
        guard index < kinds.count else { return }
        let word: StaticString = value ? "true" : "false"
        write(maxBytes: 6) { start in
            var out = start
            if index > 0 {
                out.pointee = UInt8(ascii: ",")
                out += 1
            }
            out.update(from: word.utf8Start, count: word.utf8CodeUnitCount)
            return out - start + word.utf8CodeUnitCount
        }
    }

    /// An integer in decimal, as `String(value)` spells it.
    public mutating func appendInteger(_ value: Int64) {
        let index = field
        // A negative number in a text column is guarded like any text (a leading `-`).
        guard index < kinds.count, value >= 0 || !guardsFormulas || kinds[index] != .text else {
            var text = String(value)
            return text.withUTF8 { appendField($0, guarding: guardsFormulas) }
        }
        field += 1
        let digitCount = DecimalDigits.count(value.magnitude)
        // Digits and a sign never need quotes.
        write(maxBytes: digitCount + 2) { start in
            var out = start
            if index > 0 {
                out.pointee = UInt8(ascii: ",")
                out += 1
            }
            if value < 0 {
                out.pointee = UInt8(ascii: "-")
                out += 1
            }
            return DecimalDigits.write(value.magnitude, count: digitCount, at: out) - start
        }
    }

    /// An empty cell.
    public mutating func appendNull() {
        let index = field
        field += 1
        if index > 0 {
            write(maxBytes: 1) { out in
                out.pointee = UInt8(ascii: ",")
                return 1
            }
        }
    }

    /// Ends the record. A record without exactly one field per column is taken back and throws.
    public mutating func endRecord() throws {
        let found = field
        field = 0
        guard found == kinds.count else {
            takeBackRecord()
            throw CSVError.rowWidth(expected: kinds.count, found: found)
        }
        write(maxBytes: 2) { out in
            out[0] = UInt8(ascii: "\r")
            out[1] = UInt8(ascii: "\n")
            return 2
        }
        count += 1
        escapedCellCount += recordEscaped
        recordEscaped = 0
        recordStart = byteCount
    }

    /// Forgets the fields of the record being written.
    mutating func takeBackRecord() {
        field = 0
        byteCount = recordStart
        recordEscaped = 0
    }

    /// Writes at most `maxBytes` bytes through `body`, which returns how many it wrote.
    @inline(__always)
    private mutating func write(maxBytes: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        let start = byteCount
        if bytes.count < start + maxBytes {
            // Zeros only make room: `byteCount` says what is written.
            bytes.append(contentsOf: repeatElement(0, count: max(start + maxBytes, 2 * bytes.count, 256) - bytes.count))
        }
        let written = bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { body($0 + start) } ?? 0
        }
        byteCount = start + written
    }

    /// Writes the separator and the field, quoted and guarded as `CSVTableWriter` documents.
    @inline(__always)
    private mutating func appendField(_ field: UnsafeBufferPointer<UInt8>, guarding: Bool) {
        let index = self.field
        self.field += 1
        // Past the last column nothing is written; `endRecord` refuses the record.
        guard index < kinds.count else { return }
        let count = field.count
        let first = field.first
        let prefixesQuote = guarding && kinds[index] == .text && first.map(Self.startsFormula) == true
        if prefixesQuote { recordEscaped += 1 }
        // After the `'` prefix the cell no longer starts with whitespace, so only the end counts.
        let needsQuotes =
            count == 0
            || (!prefixesQuote && first.map(Self.isEdgeSpace) == true)
            || field.last.map(Self.isEdgeSpace) == true
            || Self.containsSpecial(field)
        // Separator, two quotes, the prefix and every byte doubled at worst.
        write(maxBytes: 2 * count + 4) { start in
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
                for byte in field {
                    out.pointee = byte
                    out += 1
                    if byte == UInt8(ascii: "\"") {
                        out.pointee = byte
                        out += 1
                    }
                }
                out.pointee = UInt8(ascii: "\"")
                out += 1
            } else if let base = field.baseAddress {
                out.update(from: base, count: count)
                out += count
            }
            return out - start
        }
    }

    /// Whether any byte is `,` `"` CR or LF; eight bytes per step (a zero byte after XOR marks a match). All four
    /// are below 0x2D, and one test tells whether a word has any such byte: Chinese, codes and digits never do, so
    /// most words skip the four exact tests.
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
            // Exact for any bound up to 0x80: set where some byte is below 0x2D.
            if (word &- ones &* 0x2D) & ~word & highs != 0,
                hasByte(word, 0x2C) || hasByte(word, 0x22) || hasByte(word, 0x0D) || hasByte(word, 0x0A)
            {
                return true
            }
            offset += 8
        }
        while offset < count {
            if base[offset] < 0x2D && isSpecial(base[offset]) { return true }
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

/// Decimal digits written straight into a buffer, for the writers' per-cell paths (`String(n)` allocates).
public enum DecimalDigits {
    @inlinable
    public static func count(_ magnitude: UInt64) -> Int {
        var count = 0
        var rest = magnitude
        repeat {
            count += 1
            rest /= 10
        } while rest != 0
        return count
    }

    /// Writes the `count` digits of `magnitude` (`count(magnitude)`) from `start`; returns the end.
    @inlinable
    public static func write(_ magnitude: UInt64, count: Int, at start: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let end = start + count
        var cursor = end
        var rest = magnitude
        repeat {
            cursor -= 1
            cursor.pointee = UInt8(truncatingIfNeeded: rest % 10) &+ UInt8(ascii: "0")
            rest /= 10
        } while rest != 0
        return end
    }
}
