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

struct StringDictionaryTests {
    private func insert(_ words: [String], into dictionary: inout StringDictionary) -> [UInt32] {
        words.map { word in Array(word.utf8).withUnsafeBytes { dictionary.insert($0) } }
    }

    @Test func repeatedValuesShareEntriesInFirstOccurrenceOrder() {
        var dictionary = StringDictionary()
        let indices = insert(["省", "市", "省", "", "市", ""], into: &dictionary)
        #expect(indices == [0, 1, 0, 2, 1, 2])
        #expect(dictionary.bytes == Array("省市".utf8))
        #expect(dictionary.ends == [3, 6, 6])
        // PLAIN page: a 4-byte length per entry plus 3 + 3 + 0 bytes.
        #expect(dictionary.pageByteCount == 4 + 3 + 4 + 3 + 4)
    }

    @Test func equalLengthValuesStayApart() {
        // Same length, differing only in the last byte after a full 8-byte word: the word compare
        // must look at the tail too.
        var dictionary = StringDictionary()
        let indices = insert(["abcdefgh1", "abcdefgh2", "abcdefgh1", "abcdefgh2"], into: &dictionary)
        #expect(indices == [0, 1, 0, 1])
        #expect(dictionary.count == 2)
    }

    @Test func growingTheTableKeepsEveryEntry() {
        var dictionary = StringDictionary()
        let words = (0..<5_000).map { "第\($0)区" }
        let first = insert(words, into: &dictionary)
        let second = insert(words.reversed(), into: &dictionary)
        #expect(first == (0..<5_000).map(UInt32.init))
        #expect(second == first.reversed())
        #expect(dictionary.count == 5_000)
    }

    @Test func removeAllForgetsEntriesAndTheLastValue() {
        var dictionary = StringDictionary()
        _ = insert(["a", "b"], into: &dictionary)
        dictionary.removeAll()
        #expect(insert(["b", "a"], into: &dictionary) == [0, 1])
    }
}

struct IntegerDictionaryTests {
    @Test func entriesInFirstOccurrenceOrder() throws {
        let values: [Int64] = [2024, -1, 2024, 0, -1, 2024]
        let dictionary = try #require(
            values.withUnsafeBufferPointer { IntegerDictionary($0, maxEntries: 10, maxBytes: 100) })
        #expect(dictionary.entries == [2024, -1, 0])
        #expect(dictionary.indices == [0, 1, 0, 2, 1, 0])
    }

    @Test func tooManyDistinctValuesGivesUp() {
        let values: [Int32] = [1, 2, 3, 1]
        #expect(values.withUnsafeBufferPointer { IntegerDictionary($0, maxEntries: 2, maxBytes: 100) } == nil)
        #expect(values.withUnsafeBufferPointer { IntegerDictionary($0, maxEntries: 3, maxBytes: 100) } != nil)
    }

    @Test func oversizedDictionaryGivesUp() {
        // Three INT64 entries need a 24-byte page.
        let values: [Int64] = [1, 2, 3]
        #expect(values.withUnsafeBufferPointer { IntegerDictionary($0, maxEntries: 10, maxBytes: 23) } == nil)
        #expect(values.withUnsafeBufferPointer { IntegerDictionary($0, maxEntries: 10, maxBytes: 24) } != nil)
    }
}

struct ColumnBufferDictionaryTests {
    @Test func dictionaryIsGivenUpOnceItHasTooManyEntries() {
        var buffer = ColumnBuffer(field: ParquetField("c", .string), dictionary: .automatic)
        for word in ["甲", "乙", "甲", "丙"] { buffer.append(.string(word)) }
        #expect(buffer.stringBytes == Array("甲乙甲丙".utf8))
        #expect(buffer.stringEnds == [3, 6, 9, 12])
        let withTwo = buffer.buildStringDictionary(maxEntries: 2, maxBytes: .max)
        #expect(!withTwo)
        #expect(!buffer.usesDictionary && buffer.dictionaryIndices.isEmpty)
        let withThree = buffer.buildStringDictionary(maxEntries: 3, maxBytes: .max)
        #expect(withThree)
        #expect(buffer.usesDictionary)
        #expect(buffer.dictionaryIndices == [0, 1, 0, 2])
        buffer.reset()
        #expect(!buffer.usesDictionary && buffer.stringEnds.isEmpty)
    }

    @Test func dictionaryIsGivenUpOnceItsPageIsTooLarge() {
        var buffer = ColumnBuffer(field: ParquetField("c", .string), dictionary: .automatic)
        for word in ["甲", "乙", "甲"] { buffer.append(.string(word)) }
        // Two entries: 2 × (4 + 3) bytes.
        let under = buffer.buildStringDictionary(maxEntries: .max, maxBytes: 13)
        let enough = buffer.buildStringDictionary(maxEntries: .max, maxBytes: 14)
        #expect(!under && enough)
    }

    @Test func repeatingCopiesThePreviousValue() {
        var buffer = ColumnBuffer(field: ParquetField("c", .string, optional: true))
        let withoutRows = buffer.repeatPrevious()
        buffer.appendString("金臺區")
        let afterValue = buffer.repeatPrevious()
        buffer.appendNull()
        let afterNull = buffer.repeatPrevious()
        #expect(!withoutRows && afterValue && afterNull)
        #expect(buffer.stringBytes == Array("金臺區金臺區".utf8))
        #expect(buffer.definitionLevels == [1, 1, 0, 0])
        #expect(buffer.nullCount == 2)
    }
}
