import Testing

@testable import Parquet

struct CodecTests {
    @Test func gzipWritesRFC1952Member() throws {
        let input = Array("政府信息公开工作年度报告".utf8) + [UInt8](repeating: 0x41, count: 1000)
        let output = try ParquetCodec.gzip(level: 6).make().compress(input)
        // RFC 1952: ID1 0x1f, ID2 0x8b, CM 8 (deflate); the last 4 bytes are ISIZE, the input length mod 2^32 LE.
        #expect(Array(output.prefix(3)) == [0x1f, 0x8b, 0x08])
        let size = UInt32(input.count)
        #expect(Array(output.suffix(4)) == [UInt8(size & 0xff), UInt8(size >> 8 & 0xff), 0, 0])
        #expect(output.count < input.count)
    }

    @Test func zstdWritesAFrame() throws {
        let output = try ParquetCodec.zstd(level: 3).make().compress([UInt8](repeating: 7, count: 4096))
        // zstd frame magic 0xFD2FB528, little-endian.
        #expect(Array(output.prefix(4)) == [0x28, 0xb5, 0x2f, 0xfd])
    }

    @Test func emptyPagesCompress() throws {
        #expect(try ParquetCodec.gzip(level: 1).make().compress([]).prefix(2) == [0x1f, 0x8b])
        #expect(try !ParquetCodec.zstd(level: 1).make().compress([]).isEmpty)
        #expect(try ParquetCodec.uncompressed.make().compress([]).isEmpty)
    }

    @Test(arguments: [0, 10, -1])
    func gzipLevelOutOfRangeThrows(level: Int) {
        #expect(throws: ParquetError.invalidLevel(codec: "gzip", level: level)) {
            try ParquetCodec.gzip(level: level).validate()
        }
    }

    @Test(arguments: [0, 23])
    func zstdLevelOutOfRangeThrows(level: Int) {
        #expect(throws: ParquetError.invalidLevel(codec: "zstd", level: level)) {
            try ParquetCodec.zstd(level: level).validate()
        }
    }

    @Test func boundaryLevelsAreAccepted() throws {
        for codec in [ParquetCodec.gzip(level: 1), .gzip(level: 9), .zstd(level: 1), .zstd(level: 22), .uncompressed] {
            try codec.validate()
        }
    }
}
