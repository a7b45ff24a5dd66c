import CSV
import Packing
import Parquet

/// A batch's rows (`PreparedRows`) in one block of bytes, as they wait for the writer's turn: a `PreparedRows` is a
/// few hundred arrays, and with batches prepared ahead on other threads they stayed scattered through malloc's arenas
/// long enough that loading's memory rose through the first ~30,000 reports of a run (see Parquet's
/// `PackedRowBatch.swift`). `LoadPreparer.pack(_:)` makes one; `Loader.append(_:)` writes it.
///
/// Layout, in 8-byte words: per table, in `PreparedRows.packingOrder`, `[formats][rows]` then its packed Parquet
/// batch and CSV records where `formats` has them (bit 0, bit 1); `[formats]` and the packed summary records; the
/// length of the rejects' JSON Lines and their bytes.
public struct PackedRows: Sendable {
    fileprivate(set) var bytes: [UInt8] = []
    /// Why the batch cannot be loaded; `Loader.append(_:)` throws it before writing anything.
    fileprivate(set) var error: (any Error)?

    /// No rows.
    public init() {}

    fileprivate init(bytes: [UInt8] = [], error: (any Error)? = nil) {
        self.bytes = bytes
        self.error = error
    }
}

extension PreparedRows {
    /// The tables in the order they are packed, which is `Loader.tablesInPackingOrder`'s.
    var packingOrder: [TableRows?] { [reports] + tables + quarantine + [rejects] }
}

extension LoadPreparer {
    /// `rows` in one block of their own.
    public func pack(_ rows: PreparedRows) -> PackedRows {
        if let error = rows.error { return PackedRows(error: error) }
        let tables = rows.packingOrder
        var jsonl = rows.rejectsJSONL
        return jsonl.withUTF8 { jsonl in
            var byteCount = PackedWords.size + (rows.summary?.packedByteCount ?? 0) + PackedWords.size + PackedWords.padded(jsonl.count)
            for table in tables { byteCount += table?.packedByteCount ?? 2 * PackedWords.size }
            var bytes: [UInt8] = []
            // At least the mmap threshold nianbao fixes (256 KB), so every block gets pages of its own: a tenth of them
            // are smaller, and would otherwise wait for the writer in the arenas.
            bytes.reserveCapacity(max(byteCount, 256 << 10))
            do {
                for table in tables {
                    if let table { try table.pack(into: &bytes) } else { PackedWords.append([0, 0], to: &bytes) }
                }
                PackedWords.append([rows.summary == nil ? 0 : 2], to: &bytes)
                rows.summary?.pack(into: &bytes)
                PackedWords.append([jsonl.count], to: &bytes)
                PackedWords.append(padded: UnsafeRawBufferPointer(jsonl), to: &bytes)
            } catch {
                return PackedRows(error: error)
            }
            return PackedRows(bytes: bytes)
        }
    }
}

extension TableRows {
    var packedByteCount: Int { 2 * PackedWords.size + (parquet?.packedByteCount ?? 0) + (csv?.packedByteCount ?? 0) }

    /// Throws the first cell or record the rows refused.
    func pack(into out: inout [UInt8]) throws {
        if let error { throw error }
        PackedWords.append([(parquet == nil ? 0 : 1) | (csv == nil ? 0 : 2), rowCount], to: &out)
        try parquet?.pack(into: &out)
        csv?.pack(into: &out)
    }
}
