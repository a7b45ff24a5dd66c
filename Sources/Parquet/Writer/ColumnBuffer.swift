/// The values of one column for the row group being built, stored by type so appending a cell
/// allocates nothing beyond amortised array growth. Nulls are kept as definition levels only;
/// the value arrays hold the non-null values, in row order.
///
/// Strings are stored as bytes as they arrive; the dictionary of a chunk is built when it is
/// flushed (`buildStringDictionary`), in one pass over contiguous values. Looking every value up as
/// it arrived cost a cache miss per value once other work had run between rows.
struct ColumnBuffer: Sendable {
    let field: ParquetField
    let dictionaryPolicy: ParquetDictionaryPolicy
    /// 1 = value present, 0 = null; kept only for optional columns.
    private(set) var definitionLevels: [UInt8] = []
    private(set) var rowCount = 0
    private(set) var nullCount = 0
    /// Booleans as 0/1 bytes.
    private(set) var booleans: [UInt8] = []
    /// INT32 and DATE (days since the epoch).
    private(set) var int32s: [Int32] = []
    private(set) var int64s: [Int64] = []
    private(set) var doubles: [Double] = []
    /// UTF-8 of every string, concatenated; `stringEnds[i]` is the end offset of value i.
    private(set) var stringBytes: [UInt8] = []
    private(set) var stringEnds: [Int] = []
    /// Whether `buildStringDictionary` chose a dictionary for this chunk.
    private(set) var usesDictionary = false
    /// Distinct strings of the chunk, and the entry of every value, when `usesDictionary`.
    private(set) var stringDictionary = StringDictionary()
    private(set) var dictionaryIndices: [UInt32] = []

    /// `rowCapacity`: rows to reserve room for (a batch of known size).
    init(field: ParquetField, dictionary: ParquetDictionaryPolicy = .automatic, rowCapacity: Int = 0) {
        self.field = field
        self.dictionaryPolicy = dictionary
        guard rowCapacity > 0 else { return }
        if field.isOptional { definitionLevels.reserveCapacity(rowCapacity) }
        switch field.type {
        case .boolean: booleans.reserveCapacity(rowCapacity)
        case .int32, .date: int32s.reserveCapacity(rowCapacity)
        case .int64: int64s.reserveCapacity(rowCapacity)
        case .double: doubles.reserveCapacity(rowCapacity)
        case .string:
            stringEnds.reserveCapacity(rowCapacity)
            stringBytes.reserveCapacity(rowCapacity * 16)
        }
    }

    /// Appends rows `rows` of `other`, a packed column of the same field.
    mutating func append(rows: Range<Int>, of other: PackedColumn) {
        guard !rows.isEmpty else { return }
        // Nulls have no value, so the rows' values start after the values of the rows before them.
        var values = rows
        if field.isOptional {
            let levels = other.levels.assumingMemoryBound(to: UInt8.self)
            if rows.count == other.rowCount {
                values = 0..<(other.rowCount - other.nullCount)
            } else {
                let start = levels[..<rows.lowerBound].reduce(0) { $0 + Int($1) }
                values = start..<(start + levels[rows].reduce(0) { $0 + Int($1) })
            }
            definitionLevels.append(contentsOf: UnsafeBufferPointer(rebasing: levels[rows]))
        }
        rowCount += rows.count
        nullCount += rows.count - values.count
        switch field.type {
        case .boolean: Self.append(values, of: other.values, to: &booleans)
        case .int32, .date: Self.append(values, of: other.values, to: &int32s)
        case .int64: Self.append(values, of: other.values, to: &int64s)
        case .double: Self.append(values, of: other.values, to: &doubles)
        case .string:
            guard !values.isEmpty else { return }
            other.values.withMemoryRebound(to: Int.self) { ends in
                let start = values.lowerBound == 0 ? 0 : ends[values.lowerBound - 1]
                let shift = stringBytes.count - start
                let bytes = other.stringBytes.assumingMemoryBound(to: UInt8.self)
                stringBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<ends[values.upperBound - 1]]))
                stringEnds.append(contentsOf: UnsafeBufferPointer(rebasing: ends[values]).lazy.map { $0 + shift })
            }
        }
    }

    private static func append<Value>(_ range: Range<Int>, of raw: UnsafeRawBufferPointer, to array: inout [Value]) {
        raw.withMemoryRebound(to: Value.self) { array.append(contentsOf: UnsafeBufferPointer(rebasing: $0[range])) }
    }

    var valueCount: Int { rowCount - nullCount }

    /// Bytes held for this chunk (values, string offsets, definition levels), to bound a row group by memory.
    var bufferedBytes: Int {
        definitionLevels.count + booleans.count + 4 * int32s.count + 8 * (int64s.count + doubles.count) + stringBytes.count
            + 8 * stringEnds.count
    }

    /// Fast check for the hot path; `mismatch` explains a refusal.
    func accepts(_ value: ParquetValue) -> Bool {
        switch value {
        case .null: return field.isOptional
        case .bool: return field.type == .boolean
        case .int32: return field.type == .int32
        case .int64: return field.type == .int64
        case .double: return field.type == .double
        case .string: return field.type == .string
        case .date: return field.type == .date
        }
    }

    /// Whether `value` can go into this column; the reason when not.
    func mismatch(_ value: ParquetValue) -> String? {
        switch (field.type, value) {
        case (_, .null): return field.isOptional ? nil : "null in a required column"
        case (.boolean, .bool), (.int32, .int32), (.int64, .int64), (.double, .double), (.string, .string),
            (.date, .date):
            return nil
        default: return "expected \(field.type.displayName), got \(value.displayName)"
        }
    }

    /// Call only after `mismatch(value)` returned nil.
    mutating func append(_ value: borrowing ParquetValue) {
        rowCount += 1
        switch value {
        case .null:
            nullCount += 1
            definitionLevels.append(0)
            return
        case .bool(let flag): booleans.append(flag ? 1 : 0)
        case .int32(let number), .date(let number): int32s.append(number)
        case .int64(let number): int64s.append(number)
        case .double(let number): doubles.append(number)
        case .string(let text): appendUTF8(text)
        }
        if field.isOptional { definitionLevels.append(1) }
    }

    // Typed appends; the writer has checked the column's type and nullability.

    mutating func appendNull() {
        rowCount += 1
        nullCount += 1
        definitionLevels.append(0)
    }

    /// The previous row's value again; false when there is none or it would need copying bytes.
    mutating func repeatPrevious() -> Bool {
        guard rowCount > 0 else { return false }
        if field.isOptional, definitionLevels.last == 0 {
            appendNull()
            return true
        }
        switch field.type {
        case .string:
            guard let end = stringEnds.last else { return false }
            let start = stringEnds.count > 1 ? stringEnds[stringEnds.count - 2] : 0
            stringBytes.append(contentsOf: repeatElement(0, count: end - start))
            stringBytes.withUnsafeMutableBufferPointer { bytes in
                // The copy lands right after its source: the ranges never overlap.
                guard let base = bytes.baseAddress else { return }
                (base + end).update(from: base + start, count: end - start)
            }
            stringEnds.append(stringBytes.count)
        case .int32, .date:
            guard let value = int32s.last else { return false }
            int32s.append(value)
        case .int64:
            guard let value = int64s.last else { return false }
            int64s.append(value)
        case .double:
            guard let value = doubles.last else { return false }
            doubles.append(value)
        case .boolean:
            guard let value = booleans.last else { return false }
            booleans.append(value)
        }
        present()
        return true
    }

    @inline(__always)
    private mutating func present() {
        rowCount += 1
        if field.isOptional { definitionLevels.append(1) }
    }

    mutating func appendString(_ text: borrowing String) {
        appendUTF8(text)
        present()
    }

    mutating func appendString(utf8 bytes: UnsafeRawBufferPointer) {
        appendUTF8(bytes)
        present()
    }

    mutating func appendInt32(_ value: Int32) {
        int32s.append(value)
        present()
    }

    mutating func appendInt64(_ value: Int64) {
        int64s.append(value)
        present()
    }

    mutating func appendDouble(_ value: Double) {
        doubles.append(value)
        present()
    }

    mutating func appendBool(_ value: Bool) {
        booleans.append(value ? 1 : 0)
        present()
    }

    private mutating func appendUTF8(_ text: borrowing String) {
        // In place: `utf8.withContiguousStorageIfAvailable` is inlined here, `utf8Span` is a call into the runtime
        // (13–23 ns a string). Only a String bridged from another representation has no contiguous UTF-8.
        if text.utf8.withContiguousStorageIfAvailable({ appendUTF8(UnsafeRawBufferPointer($0)) }) == nil {
            var copy = copy text
            copy.withUTF8 { appendUTF8(UnsafeRawBufferPointer($0)) }
        }
    }

    private mutating func appendUTF8(_ raw: UnsafeRawBufferPointer) {
        stringBytes.append(contentsOf: raw)
        stringEnds.append(stringBytes.count)
    }

    /// Builds the chunk's dictionary from its strings; false (and no dictionary) as soon as it would
    /// hold more than `maxEntries` entries or its PLAIN page more than `maxBytes` bytes.
    mutating func buildStringDictionary(maxEntries: Int, maxBytes: Int) -> Bool {
        stringDictionary.removeAll()
        dictionaryIndices.removeAll(keepingCapacity: true)
        dictionaryIndices.reserveCapacity(stringEnds.count)
        let built: Bool = stringBytes.withUnsafeBytes { raw in
            var start = 0
            for end in stringEnds {
                let entry = stringDictionary.insert(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                if Int(entry) + 1 == stringDictionary.count,
                    stringDictionary.count > maxEntries || stringDictionary.pageByteCount > maxBytes
                {
                    return false
                }
                dictionaryIndices.append(entry)
                start = end
            }
            return true
        }
        if !built {
            stringDictionary.removeAll()
            dictionaryIndices.removeAll(keepingCapacity: true)
        }
        usesDictionary = built
        return built
    }

    /// Reserves 256 KB for each array the column uses, so malloc maps them pages of their own (nianbao fixes
    /// glibc's mmap threshold at 256 KB) instead of carving them from its arenas: a row group's buffers outlive
    /// thousands of short allocations, and grown in the arenas they left holes those could not use, which made
    /// loading's memory creep up with the number of reports (peak RSS over 100,000 reports: 84 → 76 MB). Pages
    /// never written cost no memory.
    mutating func reserveOwnPages() {
        let bytes = 256 << 10
        if field.isOptional { definitionLevels.reserveCapacity(bytes) }
        switch field.type {
        case .boolean: booleans.reserveCapacity(bytes)
        case .int32, .date: int32s.reserveCapacity(bytes / 4)
        case .int64: int64s.reserveCapacity(bytes / 8)
        case .double: doubles.reserveCapacity(bytes / 8)
        case .string:
            stringEnds.reserveCapacity(bytes / 8)
            stringBytes.reserveCapacity(bytes)
        }
    }

    /// Empties the buffer for the next row group and gives its memory back: a writer among several keeps only
    /// what its current row group holds, not the largest it ever had.
    mutating func reset() {
        rowCount = 0
        nullCount = 0
        definitionLevels = []
        booleans = []
        int32s = []
        int64s = []
        doubles = []
        stringBytes = []
        stringEnds = []
        dictionaryIndices = []
        stringDictionary = StringDictionary()
        usesDictionary = false
    }
}
