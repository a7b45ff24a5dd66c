/// `struct ColumnChunk`: chunk metadata stored in the footer (never in a separate file here).
struct ColumnChunk: ThriftStruct {
    var metaData: ColumnMetaData

    func write(to writer: inout CompactWriter) {
        writer.writeI64(2, 0)  // 2: required i64 file_offset (deprecated; 0 as parquet-cpp writes)
        writer.writeStruct(3, metaData)  // 3: optional ColumnMetaData meta_data ("writers MUST populate")
        writer.writeStop()
    }
}
