/// The values of one column for the row group being built, stored by type so appending a cell
/// allocates nothing beyond amortised array growth. Nulls are kept as definition levels only;
/// the value arrays hold the non-null values, in row order.
struct ColumnBuffer {
    let field: ParquetField
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

    init(field: ParquetField) {
        self.field = field
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
    mutating func append(_ value: ParquetValue) {
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

    private mutating func appendUTF8(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { stringBytes.append(contentsOf: $0) }
        if copied == nil { stringBytes.append(contentsOf: text.utf8) }
        stringEnds.append(stringBytes.count)
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
    }
}
