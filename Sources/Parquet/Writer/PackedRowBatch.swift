import Packing

/// A `ParquetRowBatch` in one block of bytes: `ParquetRowBatch.pack(into:)` writes it, `ParquetFileWriter.append(packed:)`
/// reads it in place.
///
/// Why a second form: a batch's columns are a few arrays each, and a caller that prepares batches on other threads and
/// holds them until the writer's turn (nianbao's loading keeps 16 in flight) had a few thousand such arrays alive at any
/// time, scattered through malloc's arenas among short-lived allocations. The holes they left filled in only slowly,
/// so loading's memory rose for the first ~30,000 reports of a run. One block per batch is one allocation (large
/// ones get pages of their own), and freeing it leaves nothing behind.
///
/// Layout, in 8-byte words and regions padded to 8 bytes, so every region is aligned for its values:
/// `[byte count][row count][column count]`, then per column `[tag][rows][nulls][value count][string bytes]`,
/// its definition levels (optional columns), its values (string end offsets for strings) and its string bytes.
extension ParquetField {
    /// What a column is, so a block is never read into a schema it was not made for.
    var packedTag: Int {
        let type: Int
        switch self.type {
        case .boolean: type = 1
        case .int32: type = 2
        case .int64: type = 3
        case .double: type = 4
        case .string: type = 5
        case .date: type = 6
        }
        return type << 1 | (isOptional ? 1 : 0)
    }
}

extension ParquetRowBatch {
    /// Bytes `pack(into:)` appends.
    public var packedByteCount: Int { 3 * PackedWords.size + columns.reduce(0) { $0 + $1.packedByteCount } }

    /// Appends the batch in its packed form; throws the cell the batch refused, if any.
    public func pack(into out: inout [UInt8]) throws {
        if let error { throw error }
        PackedWords.append([packedByteCount, rowCount, columns.count], to: &out)
        for column in columns { column.pack(into: &out) }
    }
}

/// One column of a packed batch, read in place.
struct PackedColumn {
    let tag: Int
    let rowCount: Int
    let nullCount: Int
    /// One byte per row, 1 where a value is present; empty for a required column.
    let levels: UnsafeRawBufferPointer
    /// The values, or the strings' end offsets (`Int`), in the column type's own width.
    let values: UnsafeRawBufferPointer
    let stringBytes: UnsafeRawBufferPointer

    /// The column starting at `offset`, or nil where the bytes are not one; advances `offset`.
    init?(_ raw: UnsafeRawBufferPointer, _ offset: inout Int) {
        guard let tag = PackedWords.word(raw, &offset), let rows = PackedWords.word(raw, &offset),
            let nulls = PackedWords.word(raw, &offset), let valueCount = PackedWords.word(raw, &offset),
            let stringByteCount = PackedWords.word(raw, &offset), rows >= 0, nulls >= 0, valueCount == rows - nulls
        else { return nil }
        let width: Int
        switch tag >> 1 {
        case 1: width = 1
        case 2, 6: width = 4
        case 3, 4, 5: width = 8
        default: return nil
        }
        guard let levels = PackedWords.region(raw, &offset, count: tag & 1 == 1 ? rows : 0),
            let values = PackedWords.region(raw, &offset, count: valueCount * width),
            let stringBytes = PackedWords.region(raw, &offset, count: stringByteCount)
        else { return nil }
        self.tag = tag
        rowCount = rows
        nullCount = nulls
        self.levels = levels
        self.values = values
        self.stringBytes = stringBytes
    }
}

extension ColumnBuffer {
    var packedByteCount: Int {
        let valueBytes: Int
        switch field.type {
        case .boolean: valueBytes = booleans.count
        case .int32, .date: valueBytes = 4 * int32s.count
        case .int64: valueBytes = 8 * int64s.count
        case .double: valueBytes = 8 * doubles.count
        case .string: valueBytes = 8 * stringEnds.count
        }
        return 5 * PackedWords.size + PackedWords.padded(definitionLevels.count) + PackedWords.padded(valueBytes)
            + PackedWords.padded(stringBytes.count)
    }

    func pack(into out: inout [UInt8]) {
        PackedWords.append([field.packedTag, rowCount, nullCount, valueCount, stringBytes.count], to: &out)
        definitionLevels.withUnsafeBytes { PackedWords.append(padded: $0, to: &out) }
        switch field.type {
        case .boolean: booleans.withUnsafeBytes { PackedWords.append(padded: $0, to: &out) }
        case .int32, .date: int32s.withUnsafeBytes { PackedWords.append(padded: $0, to: &out) }
        case .int64: int64s.withUnsafeBytes { PackedWords.append(padded: $0, to: &out) }
        case .double: doubles.withUnsafeBytes { PackedWords.append(padded: $0, to: &out) }
        case .string: stringEnds.withUnsafeBytes { PackedWords.append(padded: $0, to: &out) }
        }
        stringBytes.withUnsafeBytes { PackedWords.append(padded: $0, to: &out) }
    }
}
