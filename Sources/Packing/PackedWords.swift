/// Words and padded regions of the packed forms (a Parquet row batch, CSV records, a batch of a table's rows): blocks
/// of bytes that hold, in one allocation, what would otherwise be many arrays. Every word is an `Int`, and every region
/// is padded to a word, so each region is aligned for the values it holds.
public enum PackedWords {
    public static let size = MemoryLayout<Int>.stride

    @inlinable
    public static func padded(_ count: Int) -> Int { (count + size - 1) / size * size }

    @inlinable
    public static func append(_ words: [Int], to out: inout [UInt8]) {
        for word in words { withUnsafeBytes(of: word) { out.append(contentsOf: $0) } }
    }

    @inlinable
    public static func append(padded bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        out.append(contentsOf: bytes)
        out.append(contentsOf: repeatElement(0, count: padded(bytes.count) - bytes.count))
    }

    /// The word at `offset`, or nil past the end; advances `offset`.
    @inlinable
    public static func word(_ raw: UnsafeRawBufferPointer, _ offset: inout Int) -> Int? {
        guard offset >= 0, offset + size <= raw.count else { return nil }
        defer { offset += size }
        return raw.loadUnaligned(fromByteOffset: offset, as: Int.self)
    }

    /// A part that starts with its own byte count (packed Parquet batches and CSV records); advances `offset`.
    @inlinable
    public static func part(_ raw: UnsafeRawBufferPointer, _ offset: inout Int) -> UnsafeRawBufferPointer? {
        var probe = offset
        guard let count = word(raw, &probe), count >= size, offset + count <= raw.count else { return nil }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)])
    }

    /// `count` bytes (and their padding); advances `offset`.
    @inlinable
    public static func region(_ raw: UnsafeRawBufferPointer, _ offset: inout Int, count: Int) -> UnsafeRawBufferPointer? {
        guard count >= 0, offset + padded(count) <= raw.count else { return nil }
        defer { offset += padded(count) }
        return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)])
    }
}
