import Packing

/// `CSVRecords` in one block of bytes, for a caller that holds many batches of records until their turn (see
/// Parquet's `PackedRowBatch.swift` for why): `pack(into:)` writes it, `CSVTableWriter.append(packed:)` reads it in
/// place. Layout, in words: `[byte count][column count][records][neutralised cells][text bytes]`, then the records'
/// text, padded to a word.
extension CSVRecords {
    private static let headerBytes = 5 * PackedWords.size

    /// Bytes `pack(into:)` appends.
    public var packedByteCount: Int { Self.headerBytes + PackedWords.padded(recordStart) }

    /// Appends the finished records; a record still being written is left out.
    public func pack(into out: inout [UInt8]) {
        PackedWords.append([packedByteCount, kinds.count, count, escapedCellCount, recordStart], to: &out)
        withFinishedBytes { PackedWords.append(padded: UnsafeRawBufferPointer($0), to: &out) }
    }

    /// The records' column count, record count, neutralised cells and text, or nil where `raw` is not packed records.
    static func unpack(_ raw: UnsafeRawBufferPointer) -> (columns: Int, records: Int, escaped: Int, text: UnsafeRawBufferPointer)? {
        var offset = 0
        guard let byteCount = PackedWords.word(raw, &offset), byteCount == raw.count,
            let columns = PackedWords.word(raw, &offset), let records = PackedWords.word(raw, &offset),
            let escaped = PackedWords.word(raw, &offset), let length = PackedWords.word(raw, &offset),
            let text = PackedWords.region(raw, &offset, count: length), offset == raw.count
        else { return nil }
        return (columns, records, escaped, text)
    }
}

extension CSVTableWriter {
    /// Appends records in the form `CSVRecords.pack(into:)` wrote, as `append(_:)` does.
    public func append(packed raw: UnsafeRawBufferPointer) throws {
        guard let packed = CSVRecords.unpack(raw) else { throw CSVError.io(path: path, reason: "not packed records") }
        try append(text: packed.text, columns: packed.columns, records: packed.records, escaped: packed.escaped)
    }
}
