/// `struct DataPageHeader` (v1).
struct DataPageHeader: ThriftStruct {
    /// Rows in the page, nulls included (flat schema).
    var numValues: Int32
    var encoding: Encoding
    var definitionLevelEncoding: Encoding = .rle
    var repetitionLevelEncoding: Encoding = .rle

    func write(to writer: inout CompactWriter) {
        writer.writeI32(1, numValues)  // 1: required i32 num_values
        writer.writeI32(2, encoding.rawValue)  // 2: required Encoding encoding
        writer.writeI32(3, definitionLevelEncoding.rawValue)  // 3: required Encoding definition_level_encoding
        writer.writeI32(4, repetitionLevelEncoding.rawValue)  // 4: required Encoding repetition_level_encoding
        writer.writeStop()
    }
}

/// `struct DictionaryPageHeader`.
struct DictionaryPageHeader: ThriftStruct {
    var numValues: Int32
    var encoding: Encoding = .plain

    func write(to writer: inout CompactWriter) {
        writer.writeI32(1, numValues)  // 1: required i32 num_values
        writer.writeI32(2, encoding.rawValue)  // 2: required Encoding encoding
        writer.writeStop()
    }
}

/// `struct PageHeader`: sizes exclude the header itself.
struct PageHeader: ThriftStruct {
    enum Body {
        case data(DataPageHeader)
        case dictionary(DictionaryPageHeader)
    }

    var uncompressedPageSize: Int32
    var compressedPageSize: Int32
    var body: Body

    func write(to writer: inout CompactWriter) {
        switch body {
        case .data: writer.writeI32(1, PageType.dataPage.rawValue)  // 1: required PageType type
        case .dictionary: writer.writeI32(1, PageType.dictionaryPage.rawValue)
        }
        writer.writeI32(2, uncompressedPageSize)  // 2: required i32 uncompressed_page_size
        writer.writeI32(3, compressedPageSize)  // 3: required i32 compressed_page_size
        switch body {
        case .data(let header): writer.writeStruct(5, header)  // 5: optional DataPageHeader data_page_header
        case .dictionary(let header): writer.writeStruct(7, header)  // 7: optional DictionaryPageHeader dictionary_page_header
        }
        writer.writeStop()
    }
}
