/// `struct ColumnMetaData`: where a column chunk's pages are and what they hold.
struct ColumnMetaData: ThriftStruct {
    var type: PhysicalType
    var encodings: [Encoding]
    var pathInSchema: [String]
    var codec: CompressionCodec
    /// Values including nulls.
    var numValues: Int64
    /// Page headers included, as readers use the compressed total as the chunk length.
    var totalUncompressedSize: Int64
    var totalCompressedSize: Int64
    var dataPageOffset: Int64
    var dictionaryPageOffset: Int64?
    var statistics: Statistics?

    func write(to writer: inout CompactWriter) {
        writer.writeI32(1, type.rawValue)  // 1: required Type type
        writer.writeList(2, i32s: encodings.map(\.rawValue))  // 2: required list<Encoding> encodings
        writer.writeList(3, strings: pathInSchema)  // 3: required list<string> path_in_schema
        writer.writeI32(4, codec.rawValue)  // 4: required CompressionCodec codec
        writer.writeI64(5, numValues)  // 5: required i64 num_values
        writer.writeI64(6, totalUncompressedSize)  // 6: required i64 total_uncompressed_size
        writer.writeI64(7, totalCompressedSize)  // 7: required i64 total_compressed_size
        writer.writeI64(9, dataPageOffset)  // 9: required i64 data_page_offset
        if let dictionaryPageOffset { writer.writeI64(11, dictionaryPageOffset) }  // 11: optional i64 dictionary_page_offset
        if let statistics { writer.writeStruct(12, statistics) }  // 12: optional Statistics statistics
        writer.writeStop()
    }
}
