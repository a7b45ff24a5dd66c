import Testing

@testable import Parquet

struct HybridEncoderTests {
    private func encode(_ values: [UInt32], bitWidth: Int) -> [UInt8] {
        var out = ByteBuffer()
        RLEBitPackedHybrid.encode(values[...], bitWidth: bitWidth, into: &out)
        return out.bytes
    }

    @Test func shortMixedValuesBecomeOnePaddedBitPackedGroup() {
        // Golden §1.10: "03 05 = one bit-packed group holding levels 1,0,1".
        #expect(encode([1, 0, 1], bitWidth: 1) == [0x03, 0x05])
    }

    @Test func longRepeatBecomesRLERun() {
        // varint(10 << 1) = 0x14, then the value in one byte.
        #expect(encode([UInt32](repeating: 0, count: 10), bitWidth: 1) == [0x14, 0x00])
    }

    @Test func runStartsOnlyAtGroupBoundary() {
        // 1,0,1 then twenty 1s: five 1s fill the first group (LSB first 1,0,1,1,1,1,1,1 = 0xfd),
        // the other fifteen become an RLE run: varint(15 << 1) = 0x1e, value 0x01.
        let values: [UInt32] = [1, 0, 1] + [UInt32](repeating: 1, count: 20)
        #expect(encode(values, bitWidth: 1) == [0x03, 0xfd, 0x1e, 0x01])
    }

    @Test func repeatTooShortAfterPaddingStaysBitPacked() {
        // 3 + 9 values: padding takes 5 of the nine 1s, 4 remain (< 8), so all 12 are bit-packed in 2 groups:
        // group 1 = 0,0,0,1,1,1,1,1 → 0xf8; group 2 = 1,1,1,1,0,0,0,0 → 0x0f.
        let values: [UInt32] = [0, 0, 0] + [UInt32](repeating: 1, count: 9)
        #expect(encode(values, bitWidth: 1) == [0x05, 0xf8, 0x0f])
    }

    @Test func rleValueUsesWholeBytesOfWidth() {
        // width 9 → 2 value bytes; 300 = 0x012c little-endian.
        #expect(encode([UInt32](repeating: 300, count: 8), bitWidth: 9) == [0x10, 0x2c, 0x01])
    }

    @Test func bitPackingCrossesByteBoundaries() {
        // width 3, values 0...7 packed LSB-first: 000 100 010 110 001 101 011 111 read as bits
        // b0..b23 → bytes 0x88, 0xc6, 0xfa (the classic Encodings.md example).
        #expect(encode([0, 1, 2, 3, 4, 5, 6, 7], bitWidth: 3) == [0x03, 0x88, 0xc6, 0xfa])
    }

    @Test func bitWidthCoversLargestIndexWithAtLeastOneBit() {
        #expect(RLEBitPackedHybrid.bitWidth(forMaxValue: 0) == 1)
        #expect(RLEBitPackedHybrid.bitWidth(forMaxValue: 1) == 1)
        #expect(RLEBitPackedHybrid.bitWidth(forMaxValue: 2) == 2)
        #expect(RLEBitPackedHybrid.bitWidth(forMaxValue: 255) == 8)
        #expect(RLEBitPackedHybrid.bitWidth(forMaxValue: 256) == 9)
    }
}

struct PlainEncodingTests {
    @Test func booleansPackLSBFirst() {
        var out = ByteBuffer()
        Plain.encodeBooleans([1, 0, 1, 1, 0, 0, 0, 0, 1][...], into: &out)
        #expect(out.bytes == [0x0d, 0x01])
    }

    @Test func byteArraysCarryFourByteLengths() {
        var out = ByteBuffer()
        let bytes = Array("ab金".utf8)
        Plain.encodeByteArrays(bytes: bytes, ends: [2, 5], from: 0, to: 2, into: &out)
        #expect(out.bytes == [2, 0, 0, 0, 0x61, 0x62, 3, 0, 0, 0, 0xe9, 0x87, 0x91])
    }
}

struct DictionaryEncoderTests {
    @Test func repeatedValuesShareEntries() throws {
        let words = ["省", "市", "省", "", "市", ""]
        let bytes = Array(words.joined().utf8)
        var ends: [Int] = []
        var total = 0
        for word in words {
            total += word.utf8.count
            ends.append(total)
        }
        let dictionary = try #require(DictionaryEncoder(bytes: bytes, ends: ends, maxEntries: 10, maxBytes: 100))
        #expect(dictionary.entries == [0, 1, 3])
        #expect(dictionary.indices == [0, 1, 0, 2, 1, 2])
        #expect(dictionary.dictionaryByteCount == 4 + 3 + 4 + 3 + 4)
    }

    @Test func tooManyDistinctValuesGivesUp() {
        let bytes = Array("abcd".utf8)
        #expect(DictionaryEncoder(bytes: bytes, ends: [1, 2, 3, 4], maxEntries: 2, maxBytes: 100) == nil)
        #expect(DictionaryEncoder(bytes: bytes, ends: [1, 2, 3, 4], maxEntries: 4, maxBytes: 100) != nil)
    }

    @Test func oversizedDictionaryGivesUp() {
        let bytes = Array("abcd".utf8)
        #expect(DictionaryEncoder(bytes: bytes, ends: [2, 4], maxEntries: 10, maxBytes: 9) == nil)
        #expect(DictionaryEncoder(bytes: bytes, ends: [2, 4], maxEntries: 10, maxBytes: 12) != nil)
    }
}
