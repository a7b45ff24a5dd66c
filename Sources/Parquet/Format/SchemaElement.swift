/// `struct SchemaElement`: the root (name + num_children) or one leaf column.
struct SchemaElement: ThriftStruct {
    var type: PhysicalType?
    var repetitionType: FieldRepetitionType?
    var name: String
    var numChildren: Int32?
    var convertedType: ConvertedType?
    var logicalType: LogicalType?

    func write(to writer: inout CompactWriter) {
        if let type { writer.writeI32(1, type.rawValue) }  // 1: optional Type type
        if let repetitionType { writer.writeI32(3, repetitionType.rawValue) }  // 3: optional FieldRepetitionType repetition_type
        writer.writeString(4, name)  // 4: required string name
        if let numChildren { writer.writeI32(5, numChildren) }  // 5: optional i32 num_children
        if let convertedType { writer.writeI32(6, convertedType.rawValue) }  // 6: optional ConvertedType converted_type
        if let logicalType { writer.writeStruct(10, logicalType) }  // 10: optional LogicalType logicalType
        writer.writeStop()
    }
}
