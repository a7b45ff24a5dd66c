/// Writes one column chunk: an optional dictionary page first, then v1 data pages of about
/// `pageBytes` uncompressed bytes each. Offsets come from the sink's byte counter.
struct ColumnChunkWriter {
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

    mutating func write(_ column: ColumnBuffer, to sink: FileSink) throws -> ColumnChunk {
        totalUncompressed = 0
        totalCompressed = 0
        let dictionary = makeDictionary(for: column)
        var dictionaryPageOffset: Int64?
        if let dictionary {
            dictionaryPageOffset = sink.offset
            page.removeAll()
            for entry in dictionary.entries {
                Plain.encodeByteArrays(
                    bytes: column.stringBytes, ends: column.stringEnds, from: entry, to: entry + 1, into: &page)
            }
            let pageHeader = DictionaryPageHeader(numValues: Int32(dictionary.entries.count))
            try writePage(.dictionary(pageHeader), column: column, to: sink)
        }
        let dataPageOffset = sink.offset
        let indexBitWidth = dictionary.map { RLEBitPackedHybrid.bitWidth(forMaxValue: $0.entries.count - 1) } ?? 0
        for range in planPages(column, indexBitWidth: dictionary == nil ? nil : indexBitWidth) {
            page.removeAll()
            encodeLevels(column, rows: range.rows)
            if let dictionary {
                page.append(UInt8(indexBitWidth))
                RLEBitPackedHybrid.encode(dictionary.indices[range.values], bitWidth: indexBitWidth, into: &page)
            } else {
                encodePlain(column, values: range.values)
            }
            let pageHeader = DataPageHeader(
                numValues: Int32(range.rows.count), encoding: dictionary == nil ? .plain : .rleDictionary)
            try writePage(.data(pageHeader), column: column, to: sink)
        }
        var encodings: [Encoding] = [.plain]
        if column.field.isOptional { encodings.append(.rle) }
        if dictionary != nil { encodings.append(.rleDictionary) }
        let metaData = ColumnMetaData(
            type: column.field.type.physicalType, encodings: encodings, pathInSchema: [column.field.name],
            codec: codec.kind, numValues: Int64(column.rowCount), totalUncompressedSize: totalUncompressed,
            totalCompressedSize: totalCompressed, dataPageOffset: dataPageOffset,
            dictionaryPageOffset: dictionaryPageOffset,
            statistics: ColumnStatistics.make(for: column, dictionary: dictionary))
        return ColumnChunk(metaData: metaData)
    }

    var uncompressedSize: Int64 { totalUncompressed }

    // MARK: Dictionary decision

    private func makeDictionary(for column: ColumnBuffer) -> DictionaryEncoder? {
        guard column.field.type == .string else { return nil }
        let values = column.valueCount
        switch dictionaryPolicy {
        case .never:
            return nil
        case .always:
            return DictionaryEncoder(
                bytes: column.stringBytes, ends: column.stringEnds, maxEntries: Int.max, maxBytes: Int.max)
        case .automatic:
            guard values > 0 else { return nil }
            return DictionaryEncoder(
                bytes: column.stringBytes, ends: column.stringEnds,
                maxEntries: Int(Double(values) * Self.maxDistinctShare), maxBytes: Self.maxDictionaryBytes)
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
        let levels = column.definitionLevels
        let isOptional = column.field.isOptional
        let ends = column.stringEnds
        var pages: [PageRange] = []
        var rowStart = 0
        var valueStart = 0
        var value = 0
        var bits = 0
        for row in 0..<column.rowCount {
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
        if rowStart < column.rowCount || pages.isEmpty {
            pages.append(PageRange(rows: rowStart..<column.rowCount, values: valueStart..<value))
        }
        return pages
    }

    /// v1 pages put a 4-byte length before the hybrid-encoded definition levels; without it readers fail.
    private mutating func encodeLevels(_ column: ColumnBuffer, rows: Range<Int>) {
        guard column.field.isOptional else { return }
        let lengthOffset = page.count
        page.appendUInt32LE(0)
        RLEBitPackedHybrid.encode(column.definitionLevels[rows], bitWidth: 1, into: &page)
        page.setUInt32LE(UInt32(page.count - lengthOffset - 4), at: lengthOffset)
    }

    private mutating func encodePlain(_ column: ColumnBuffer, values: Range<Int>) {
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

    /// Compresses the page held in `page` and writes header + body.
    private mutating func writePage(_ body: PageHeader.Body, column: ColumnBuffer, to sink: FileSink) throws {
        let compressed = try codec.compress(page.bytes)
        guard page.count <= Int32.max, compressed.count <= Int32.max else {
            throw ParquetError.schemaMismatch(column: column.field.name, reason: "a page exceeds 2 GiB")
        }
        let pageHeader = PageHeader(
            uncompressedPageSize: Int32(page.count), compressedPageSize: Int32(compressed.count), body: body)
        header.reset()
        pageHeader.write(to: &header)
        try sink.write(header.bytes)
        try sink.write(compressed)
        totalUncompressed += Int64(header.bytes.count + page.count)
        totalCompressed += Int64(header.bytes.count + compressed.count)
    }
}
