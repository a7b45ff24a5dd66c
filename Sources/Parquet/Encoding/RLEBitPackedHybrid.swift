/// The RLE/bit-packed hybrid encoding (Encodings.md) used for definition levels and dictionary indices.
///
/// Runs of at least 8 equal values become RLE runs; everything else is bit-packed in groups of 8.
/// An RLE run may only start where the pending bit-packed values fill whole groups, so a long run
/// first lends values to the pending group; only the final group is padded with zeros.
enum RLEBitPackedHybrid {
    /// Repeats shorter than this are cheaper bit-packed than as a separate run.
    static let minimumRunLength = 8

    static func encode<Value: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<Value>, bitWidth: Int, into out: inout ByteBuffer
    ) {
        let count = values.count
        var pendingStart = 0
        var index = 0
        while index < count {
            let value = values[index]
            var runEnd = index + 1
            while runEnd < count && values[runEnd] == value { runEnd += 1 }
            var runLength = runEnd - index
            if runLength >= minimumRunLength {
                let pendingCount = index - pendingStart
                let padding = (8 - pendingCount % 8) % 8
                let lent = min(padding, runLength)
                index += lent
                runLength -= lent
                if runLength >= minimumRunLength {
                    appendBitPacked(values, from: pendingStart, to: index, bitWidth: bitWidth, into: &out)
                    appendRLE(value, count: runLength, bitWidth: bitWidth, into: &out)
                    pendingStart = runEnd
                }
            }
            index = runEnd
        }
        appendBitPacked(values, from: pendingStart, to: count, bitWidth: bitWidth, into: &out)
    }

    static func encode<Value: FixedWidthInteger & UnsignedInteger>(
        _ values: ArraySlice<Value>, bitWidth: Int, into out: inout ByteBuffer
    ) {
        values.withUnsafeBufferPointer { encode($0, bitWidth: bitWidth, into: &out) }
    }

    /// `rle-run := varint(count << 1)` then the value in ceil(width/8) little-endian bytes.
    static func appendRLE<Value: FixedWidthInteger & UnsignedInteger>(_ value: Value, count: Int, bitWidth: Int, into out: inout ByteBuffer) {
        out.appendVarint(UInt64(count) << 1)
        var rest = value
        for _ in 0..<((bitWidth + 7) / 8) {
            out.append(UInt8(truncatingIfNeeded: rest))
            rest >>= 8
        }
    }

    /// `bit-packed-run := varint(groups << 1 | 1)` then the values LSB-first, last group zero-padded.
    static func appendBitPacked<Value: FixedWidthInteger & UnsignedInteger>(
        _ values: UnsafeBufferPointer<Value>, from start: Int, to end: Int, bitWidth: Int, into out: inout ByteBuffer
    ) {
        guard end > start else { return }
        let groups = (end - start + 7) / 8
        out.appendVarint(UInt64(groups) << 1 | 1)
        let mask: UInt64 = bitWidth >= 32 ? 0xFFFF_FFFF : (1 << UInt64(bitWidth)) - 1
        // Exactly bitWidth bytes per group of 8; sized up front so the loop writes through a pointer.
        let byteCount = groups * bitWidth
        let first = out.bytes.count
        out.bytes.append(contentsOf: repeatElement(0, count: byteCount))
        out.bytes.withUnsafeMutableBufferPointer { buffer in
            var target = first
            var accumulator: UInt64 = 0
            var accumulatedBits = 0
            for position in start..<(start + groups * 8) {
                let value = position < end ? UInt64(values[position]) & mask : 0
                accumulator |= value << UInt64(accumulatedBits)
                accumulatedBits += bitWidth
                while accumulatedBits >= 8 {
                    buffer[target] = UInt8(truncatingIfNeeded: accumulator)
                    target += 1
                    accumulator >>= 8
                    accumulatedBits -= 8
                }
            }
        }
    }

    /// Bits needed to write every value in `0...maxValue`; at least 1, as a width of 0 trips some readers.
    static func bitWidth(forMaxValue maxValue: Int) -> Int {
        max(1, UInt64.bitWidth - UInt64(max(0, maxValue)).leadingZeroBitCount)
    }
}
