/// `union ColumnOrder`: always TYPE_ORDER; without it pyarrow ignores every min/max.
struct ColumnOrder: ThriftStruct {
    func write(to writer: inout CompactWriter) {
        writer.writeStruct(1, EmptyStruct())  // 1: TypeDefinedOrder TYPE_ORDER
        writer.writeStop()
    }
}
