/// PLAIN encoding: fixed-width values little-endian, BYTE_ARRAY as u32 length + bytes, BOOLEAN bit-packed LSB-first.
enum Plain {
    static func encode<Value: FixedWidthInteger>(_ values: ArraySlice<Value>, into out: inout ByteBuffer) {
        #if _endian(little)
        values.withUnsafeBytes { out.append($0) }
        #else
        for value in values { withUnsafeBytes(of: value.littleEndian) { out.append($0) } }
        #endif
    }

    static func encode(_ values: ArraySlice<Double>, into out: inout ByteBuffer) {
        #if _endian(little)
        values.withUnsafeBytes { out.append($0) }
        #else
        for value in values { out.appendUInt64LE(value.bitPattern) }
        #endif
    }

    /// Booleans stored as 0/1 bytes, packed eight to a byte.
    static func encodeBooleans(_ values: ArraySlice<UInt8>, into out: inout ByteBuffer) {
        var byte: UInt8 = 0
        var bit: UInt8 = 0
        for value in values {
            byte |= (value & 1) << bit
            bit += 1
            if bit == 8 {
                out.append(byte)
                byte = 0
                bit = 0
            }
        }
        if bit > 0 { out.append(byte) }
    }

    /// Strings `first..<end` of a column whose UTF-8 bytes are concatenated and delimited by end offsets.
    static func encodeByteArrays(
        bytes: [UInt8], ends: [Int], from first: Int, to end: Int, into out: inout ByteBuffer
    ) {
        bytes.withUnsafeBytes { raw in
            var start = first == 0 ? 0 : ends[first - 1]
            for index in first..<end {
                let stop = ends[index]
                out.appendUInt32LE(UInt32(truncatingIfNeeded: stop - start))
                out.append(UnsafeRawBufferPointer(rebasing: raw[start..<stop]))
                start = stop
            }
        }
    }
}
