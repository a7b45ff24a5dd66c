/// `struct FileMetaData`: the footer.
struct FileMetaData: ThriftStruct {
    var schema: [SchemaElement]
    /// Must equal the sum of the row groups' rows: polars and pyarrow report it as is.
    var numRows: Int64
    /// The row groups, each already encoded as a list element (`CompactWriter.writeNested`).
    var rowGroups: (count: Int, encoded: [UInt8])
    var keyValueMetadata: [KeyValue]
    var createdBy: String
    /// One per leaf column.
    var columnOrders: [ColumnOrder]

    func write(to writer: inout CompactWriter) {
        writer.writeI32(1, 1)  // 1: required i32 version (1 is the most widely read)
        writer.writeList(2, structs: schema)  // 2: required list<SchemaElement> schema
        writer.writeI64(3, numRows)  // 3: required i64 num_rows
        writer.writeList(4, encodedStructs: rowGroups.encoded, count: rowGroups.count)  // 4: required list<RowGroup> row_groups
        if !keyValueMetadata.isEmpty { writer.writeList(5, structs: keyValueMetadata) }  // 5: optional list<KeyValue> key_value_metadata
        writer.writeString(6, createdBy)  // 6: optional string created_by
        writer.writeList(7, structs: columnOrders)  // 7: optional list<ColumnOrder> column_orders
        writer.writeStop()
    }
}
