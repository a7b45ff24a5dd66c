import Testing

@testable import Parquet

/// Expected bytes derived by hand from thrift-compact-protocol.md (summarised in engineering-notes §1.2).
struct CompactWriterTests {
    private func varint(_ value: UInt64) -> [UInt8] {
        var buffer = ByteBuffer()
        buffer.appendVarint(value)
        return buffer.bytes
    }

    @Test func varintUsesSevenBitGroupsLowFirst() {
        #expect(varint(0) == [0x00])
        #expect(varint(127) == [0x7f])
        #expect(varint(128) == [0x80, 0x01])
        // 300 = 0b10_0101100: low group 0101100 (0x2c) with the continuation bit, then 0b10.
        #expect(varint(300) == [0xac, 0x02])
    }

    @Test func zigzagInterleavesSigns() {
        #expect(ByteBuffer.zigzag(0) == 0)
        #expect(ByteBuffer.zigzag(-1) == 1)
        #expect(ByteBuffer.zigzag(1) == 2)
        #expect(ByteBuffer.zigzag(-2) == 3)
        #expect(ByteBuffer.zigzag(Int64(Int32.max)) == 4_294_967_294)
        #expect(ByteBuffer.zigzag(Int64.min) == UInt64.max)
    }

    @Test func fieldHeaderUsesDeltaUpToFifteen() {
        var writer = CompactWriter()
        writer.writeI32(1, 3)  // delta 1, type i32 (5): 0x15; zigzag(3) = 6
        writer.writeI32(16, 1)  // delta 15: 0xf5; zigzag(1) = 2
        #expect(writer.bytes == [0x15, 0x06, 0xf5, 0x02])
    }

    @Test func fieldHeaderFallsBackToLongForm() {
        var writer = CompactWriter()
        writer.writeI32(17, 1)  // delta 17 > 15: type byte 0x05, then zigzag(17) = 34 = 0x22
        writer.writeI64(2, -1)  // going backwards is also long form: 0x06, zigzag(2) = 4; value zigzag(-1) = 1
        #expect(writer.bytes == [0x05, 0x22, 0x02, 0x06, 0x04, 0x01])
    }

    @Test func boolFieldLivesInTheTypeNibble() {
        var writer = CompactWriter()
        writer.writeBool(1, true)  // (1 << 4) | BOOL_TRUE 1
        writer.writeBool(2, false)  // (1 << 4) | BOOL_FALSE 2
        #expect(writer.bytes == [0x11, 0x12])
    }

    @Test func binaryIsLengthThenBytes() {
        var writer = CompactWriter()
        writer.writeString(1, "金")  // 0x18 = delta 1, BINARY 8; "金" is e9 87 91 in UTF-8
        #expect(writer.bytes == [0x18, 0x03, 0xe9, 0x87, 0x91])
    }

    @Test func shortListPacksSizeIntoHeader() {
        var writer = CompactWriter()
        writer.writeList(2, i32s: [1, 2, 3])  // 0x29 = delta 2, LIST 9; 0x35 = size 3, I32 5
        #expect(writer.bytes == [0x29, 0x35, 0x02, 0x04, 0x06])
    }

    @Test func longListCarriesVarintSize() {
        var writer = CompactWriter()
        writer.writeList(1, i32s: [Int32](repeating: 0, count: 15))  // 0xf5 = long form, I32; size 15
        #expect(writer.bytes == [0x19, 0xf5, 0x0f] + [UInt8](repeating: 0, count: 15))
    }

    private struct Inner: ThriftStruct {
        func write(to writer: inout CompactWriter) {
            writer.writeI32(1, 7)
            writer.writeStop()
        }
    }

    @Test func nestedStructResetsAndRestoresFieldIds() {
        var writer = CompactWriter()
        writer.writeI32(3, 0)  // 0x35 0x00
        writer.writeStruct(4, Inner())  // 0x1c, inner field 1 starts from 0 again: 0x15 0x0e, stop 0x00
        writer.writeI32(5, 1)  // back in the outer struct: delta 1 from field 4 → 0x15 0x02
        #expect(writer.bytes == [0x35, 0x00, 0x1c, 0x15, 0x0e, 0x00, 0x15, 0x02])
    }

    @Test func listOfStructsGivesEachElementItsOwnContext() {
        var writer = CompactWriter()
        writer.writeList(7, structs: [Inner(), Inner()])  // 0x79 = delta 7, LIST; 0x2c = 2 structs
        #expect(writer.bytes == [0x79, 0x2c, 0x15, 0x0e, 0x00, 0x15, 0x0e, 0x00])
    }
}
