/// `struct RowGroup`.
struct RowGroup: ThriftStruct {
    var columns: [ColumnChunk]
    /// Uncompressed bytes of all chunks, page headers included.
    var totalByteSize: Int64
    var numRows: Int64

    func write(to writer: inout CompactWriter) {
        writer.writeList(1, structs: columns)  // 1: required list<ColumnChunk> columns
        writer.writeI64(2, totalByteSize)  // 2: required i64 total_byte_size
        writer.writeI64(3, numRows)  // 3: required i64 num_rows
        writer.writeStop()
    }
}
