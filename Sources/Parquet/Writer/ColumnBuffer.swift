/// The values of one column for the row group being built, stored by type so appending a cell
/// allocates nothing beyond amortised array growth. Nulls are kept as definition levels only;
/// the value arrays hold the non-null values, in row order.
///
/// String columns that may be dictionary-encoded go through `StringDictionary` as they arrive and
/// keep only an index per value; once the dictionary can no longer be chosen for this chunk
/// (too many entries or bytes, see `ColumnChunkWriter`) the values are spelled out again and the
/// rest of the chunk is stored as bytes. The chunk's encoding is thus the same as if it had been
/// decided over the whole chunk at flush time.
struct ColumnBuffer {
    let field: ParquetField
    let dictionaryPolicy: ParquetDictionaryPolicy
    /// Entries beyond this can never pass the end-of-chunk test, whatever the chunk's final size.
    let dictionaryEntryBound: Int
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
    /// Used while `stringDictionary` is nil.
    private(set) var stringBytes: [UInt8] = []
    private(set) var stringEnds: [Int] = []
    /// Whether string values currently go to `stringDictionary` (a dictionary is still possible).
    private(set) var usesDictionary: Bool
    /// Distinct strings of the chunk, and the entry of every value, while `usesDictionary`.
    private(set) var stringDictionary = StringDictionary()
    private(set) var dictionaryIndices: [UInt32] = []

    init(field: ParquetField, dictionary: ParquetDictionaryPolicy = .automatic, rowGroupRows: Int = Int.max) {
        self.field = field
        self.dictionaryPolicy = dictionary
        self.dictionaryEntryBound = Int(Double(max(0, rowGroupRows)) * ColumnChunkWriter.maxDistinctShare)
        usesDictionary = field.type == .string && dictionary != .never
    }

    var valueCount: Int { rowCount - nullCount }

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
            guard usesDictionary, let entry = dictionaryIndices.last else { return false }
            dictionaryIndices.append(entry)
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
        // A borrowed span reads the string's own storage: no copy, and no retain of the storage
        // (which `utf8.withContiguousStorageIfAvailable` costs).
        text.utf8Span.span.withUnsafeBytes { appendUTF8($0) }
    }

    private mutating func appendUTF8(_ raw: UnsafeRawBufferPointer) {
        if usesDictionary {
            let entry = stringDictionary.insert(raw)
            dictionaryIndices.append(entry)
            if Int(entry) + 1 == stringDictionary.count, dictionaryPolicy == .automatic,
                stringDictionary.count > dictionaryEntryBound
                    || stringDictionary.pageByteCount > ColumnChunkWriter.maxDictionaryBytes
            {
                spellOutStrings()
            }
        } else {
            stringBytes.append(contentsOf: raw)
            stringEnds.append(stringBytes.count)
        }
    }

    /// Replaces the dictionary by the values' bytes; the rest of the chunk is stored as bytes.
    mutating func spellOutStrings() {
        guard usesDictionary else { return }
        usesDictionary = false
        let dictionary = stringDictionary
        stringDictionary = StringDictionary()
        stringBytes.reserveCapacity(stringBytes.count + dictionaryIndices.count * 8)
        stringEnds.reserveCapacity(stringEnds.count + dictionaryIndices.count)
        dictionary.bytes.withUnsafeBytes { raw in
            for entry in dictionaryIndices {
                let range = dictionary.range(of: Int(entry))
                stringBytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[range]))
                stringEnds.append(stringBytes.count)
            }
        }
        dictionaryIndices.removeAll(keepingCapacity: true)
    }

    /// Empties the buffer for the next row group, keeping capacity.
    mutating func reset() {
        definitionLevels.removeAll(keepingCapacity: true)
        rowCount = 0
        nullCount = 0
        booleans.removeAll(keepingCapacity: true)
        int32s.removeAll(keepingCapacity: true)
        int64s.removeAll(keepingCapacity: true)
        doubles.removeAll(keepingCapacity: true)
        stringBytes.removeAll(keepingCapacity: true)
        stringEnds.removeAll(keepingCapacity: true)
        dictionaryIndices.removeAll(keepingCapacity: true)
        stringDictionary.removeAll()
        usesDictionary = field.type == .string && dictionaryPolicy != .never
    }
}
