/// Writes one column chunk: an optional dictionary page first, then v1 data pages of about
/// `pageBytes` uncompressed bytes each. Offsets come from the sink's byte counter.
/// A class, so the writers of one task can share its page buffer and compression context (see
/// `ParquetFileWriter.init(path:schema:options:sharingBuffersWith:)`).
final class ColumnChunkWriter {
    /// Above this share of distinct values a dictionary saves little and costs a hash per value.
    static let maxDistinctShare = 0.5
    static let maxDictionaryBytes = 1 << 20

    let codec: any Codec
    let pageBytes: Int
    let dictionaryPolicy: ParquetDictionaryPolicy
    private var header = CompactWriter()
    private var page = ByteBuffer()
    private var totalUncompressed: Int64 = 0
    private var totalCompressed: Int64 = 0

    init(codec: any Codec, pageBytes: Int, dictionaryPolicy: ParquetDictionaryPolicy) {
        self.codec = codec
        self.pageBytes = max(1, pageBytes)
        self.dictionaryPolicy = dictionaryPolicy
    }

    /// Rows `rows` of the chunk, whose non-null values are `values`.
    private struct PageRange {
        var rows: Range<Int>
        var values: Range<Int>
    }

    /// How the chunk's values are written.
    enum ValueEncoding {
        case plain
        /// Dictionary page from `ColumnBuffer.stringDictionary`, indices from `ColumnBuffer.dictionaryIndices`.
        case stringDictionary
        case int32Dictionary(IntegerDictionary<Int32>)
        case int64Dictionary(IntegerDictionary<Int64>)

        var isDictionary: Bool {
            if case .plain = self { return false }
            return true
        }
    }

    func write(_ column: inout ColumnBuffer, to sink: FileSink) throws -> ColumnChunk {
        totalUncompressed = 0
        totalCompressed = 0
        let encoding = chooseEncoding(for: &column)
        var dictionaryPageOffset: Int64?
        var entryCount = 0
        if encoding.isDictionary {
            dictionaryPageOffset = sink.offset
            page.removeAll()
            switch encoding {
            case .plain: break
            case .stringDictionary:
                let dictionary = column.stringDictionary
                entryCount = dictionary.count
                page.reserve(dictionary.pageByteCount)
                Plain.encodeByteArrays(
                    bytes: dictionary.bytes, ends: dictionary.ends, from: 0, to: dictionary.count, into: &page)
            case .int32Dictionary(let dictionary):
                entryCount = dictionary.entries.count
                Plain.encode(dictionary.entries[...], into: &page)
            case .int64Dictionary(let dictionary):
                entryCount = dictionary.entries.count
                Plain.encode(dictionary.entries[...], into: &page)
            }
            let pageHeader = DictionaryPageHeader(numValues: Int32(entryCount))
            try writePage(.dictionary(pageHeader), column: column, to: sink)
        }
        let dataPageOffset = sink.offset
        let indexBitWidth = RLEBitPackedHybrid.bitWidth(forMaxValue: entryCount - 1)
        for range in planPages(column, indexBitWidth: encoding.isDictionary ? indexBitWidth : nil) {
            page.removeAll()
            encodeLevels(column, rows: range.rows)
            switch encoding {
            case .plain:
                encodePlain(column, values: range.values)
            case .stringDictionary:
                encodeIndices(column.dictionaryIndices[range.values], bitWidth: indexBitWidth)
            case .int32Dictionary(let dictionary):
                encodeIndices(dictionary.indices[range.values], bitWidth: indexBitWidth)
            case .int64Dictionary(let dictionary):
                encodeIndices(dictionary.indices[range.values], bitWidth: indexBitWidth)
            }
            let pageHeader = DataPageHeader(
                numValues: Int32(range.rows.count), encoding: encoding.isDictionary ? .rleDictionary : .plain)
            try writePage(.data(pageHeader), column: column, to: sink)
        }
        var encodings: [Encoding] = [.plain]
        if column.field.isOptional { encodings.append(.rle) }
        if encoding.isDictionary { encodings.append(.rleDictionary) }
        let metaData = ColumnMetaData(
            type: column.field.type.physicalType, encodings: encodings, pathInSchema: [column.field.name],
            codec: codec.kind, numValues: Int64(column.rowCount), totalUncompressedSize: totalUncompressed,
            totalCompressedSize: totalCompressed, dataPageOffset: dataPageOffset,
            dictionaryPageOffset: dictionaryPageOffset,
            statistics: ColumnStatistics.make(for: column))
        return ColumnChunk(metaData: metaData)
    }

    var uncompressedSize: Int64 { totalUncompressed }

    // MARK: Dictionary decision

    /// Dictionary when distinct values are at most half the values and the page stays under 1 MiB
    /// (automatic), always or never, per policy.
    private func chooseEncoding(for column: inout ColumnBuffer) -> ValueEncoding {
        let values = column.valueCount
        let maxEntries: Int
        let maxBytes: Int
        switch dictionaryPolicy {
        case .never:
            return .plain
        case .always:
            maxEntries = Int.max
            maxBytes = Int.max
        case .automatic:
            maxEntries = Int(Double(values) * Self.maxDistinctShare)
            maxBytes = Self.maxDictionaryBytes
        }
        switch column.field.type {
        case .string:
            guard values > 0 || dictionaryPolicy == .always else { return .plain }
            return column.buildStringDictionary(maxEntries: maxEntries, maxBytes: maxBytes) ? .stringDictionary : .plain
        case .int32, .date:
            guard values > 0 || dictionaryPolicy == .always else { return .plain }
            return column.int32s.withUnsafeBufferPointer { buffer in
                IntegerDictionary(buffer, maxEntries: maxEntries, maxBytes: maxBytes).map(ValueEncoding.int32Dictionary)
            } ?? .plain
        case .int64:
            guard values > 0 || dictionaryPolicy == .always else { return .plain }
            return column.int64s.withUnsafeBufferPointer { buffer in
                IntegerDictionary(buffer, maxEntries: maxEntries, maxBytes: maxBytes).map(ValueEncoding.int64Dictionary)
            } ?? .plain
        case .boolean, .double:
            return .plain
        }
    }

    // MARK: Pages

    /// Splits the chunk where the estimated encoded size reaches `pageBytes`; every page holds at least one row.
    private func planPages(_ column: ColumnBuffer, indexBitWidth: Int?) -> [PageRange] {
        let limit = pageBytes * 8
        let fixedBits: Int?
        if let indexBitWidth {
            fixedBits = indexBitWidth
        } else {
            switch column.field.type {
            case .boolean: fixedBits = 1
            case .int32, .date: fixedBits = 32
            case .int64, .double: fixedBits = 64
            case .string: fixedBits = nil
            }
        }
        let rowCount = column.rowCount
        let isOptional = column.field.isOptional
        // Required fixed-width values: every row costs the same, so the split is arithmetic.
        if !isOptional, let fixedBits {
            let rowsPerPage = max(1, (limit + fixedBits - 1) / fixedBits)
            var pages: [PageRange] = []
            var start = 0
            while start < rowCount || pages.isEmpty {
                let end = min(rowCount, start + rowsPerPage)
                pages.append(PageRange(rows: start..<end, values: start..<end))
                start = end
            }
            return pages
        }
        let levels = column.definitionLevels
        let ends = column.stringEnds
        var pages: [PageRange] = []
        var rowStart = 0
        var valueStart = 0
        var value = 0
        var bits = 0
        levels.withUnsafeBufferPointer { levels in
            ends.withUnsafeBufferPointer { ends in
                for row in 0..<rowCount {
                    var isPresent = true
                    if isOptional {
                        bits += 1
                        isPresent = levels[row] == 1
                    }
                    if isPresent {
                        if let fixedBits {
                            bits += fixedBits
                        } else {
                            bits += (4 + ends[value] - (value == 0 ? 0 : ends[value - 1])) * 8
                        }
                        value += 1
                    }
                    if bits >= limit {
                        pages.append(PageRange(rows: rowStart..<(row + 1), values: valueStart..<value))
                        rowStart = row + 1
                        valueStart = value
                        bits = 0
                    }
                }
            }
        }
        if rowStart < rowCount || pages.isEmpty {
            pages.append(PageRange(rows: rowStart..<rowCount, values: valueStart..<value))
        }
        return pages
    }

    /// v1 pages put a 4-byte length before the hybrid-encoded definition levels; without it readers fail.
    private func encodeLevels(_ column: ColumnBuffer, rows: Range<Int>) {
        guard column.field.isOptional else { return }
        let lengthOffset = page.count
        page.appendUInt32LE(0)
        RLEBitPackedHybrid.encode(column.definitionLevels[rows], bitWidth: 1, into: &page)
        page.setUInt32LE(UInt32(page.count - lengthOffset - 4), at: lengthOffset)
    }

    /// One byte of bit width, then the hybrid-encoded entry numbers (no length prefix).
    private func encodeIndices(_ indices: ArraySlice<UInt32>, bitWidth: Int) {
        page.append(UInt8(bitWidth))
        RLEBitPackedHybrid.encode(indices, bitWidth: bitWidth, into: &page)
    }

    private func encodePlain(_ column: ColumnBuffer, values: Range<Int>) {
        switch column.field.type {
        case .boolean: Plain.encodeBooleans(column.booleans[values], into: &page)
        case .int32, .date: Plain.encode(column.int32s[values], into: &page)
        case .int64: Plain.encode(column.int64s[values], into: &page)
        case .double: Plain.encode(column.doubles[values], into: &page)
        case .string:
            Plain.encodeByteArrays(
                bytes: column.stringBytes, ends: column.stringEnds, from: values.lowerBound, to: values.upperBound,
                into: &page)
        }
    }

    /// Compresses the page held in `page` and writes header + body, straight from the codec's buffer.
    private func writePage(_ body: PageHeader.Body, column: ColumnBuffer, to sink: FileSink) throws {
        let codec = self.codec
        let compressed = try page.bytes.withUnsafeBytes { raw in
            let compressed = try codec.compress(raw)
            guard page.count <= Int32.max, compressed.count <= Int32.max else {
                throw ParquetError.schemaMismatch(column: column.field.name, reason: "a page exceeds 2 GiB")
            }
            let pageHeader = PageHeader(
                uncompressedPageSize: Int32(page.count), compressedPageSize: Int32(compressed.count), body: body)
            header.reset()
            pageHeader.write(to: &header)
            try sink.write(header.bytes)
            try sink.write(compressed)
            return compressed.count
        }
        totalUncompressed += Int64(header.bytes.count + page.count)
        totalCompressed += Int64(header.bytes.count + compressed)
    }
}
