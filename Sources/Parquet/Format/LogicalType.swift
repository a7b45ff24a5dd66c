/// `union LogicalType` (only STRING and DATE are written; both carry empty structs).
enum LogicalType: ThriftStruct {
    case string
    case date

    func write(to writer: inout CompactWriter) {
        switch self {
        case .string: writer.writeStruct(1, EmptyStruct())  // 1: StringType STRING
        case .date: writer.writeStruct(6, EmptyStruct())  // 6: DateType DATE
        }
        writer.writeStop()
    }
}
