/// How each public column type maps onto parquet.thrift annotations. Both ConvertedType and
/// LogicalType are written: DuckDB reads a STRING without ConvertedType as BLOB.
extension ParquetType {
    var physicalType: PhysicalType {
        switch self {
        case .boolean: return .boolean
        case .int32, .date: return .int32
        case .int64: return .int64
        case .double: return .double
        case .string: return .byteArray
        }
    }

    var convertedType: ConvertedType? {
        switch self {
        case .string: return .utf8
        case .date: return .date
        case .boolean, .int32, .int64, .double: return nil
        }
    }

    var logicalType: LogicalType? {
        switch self {
        case .string: return .string
        case .date: return .date
        case .boolean, .int32, .int64, .double: return nil
        }
    }

    var displayName: String {
        switch self {
        case .boolean: return "boolean"
        case .int32: return "int32"
        case .int64: return "int64"
        case .double: return "double"
        case .string: return "string"
        case .date: return "date"
        }
    }
}

extension ParquetField {
    var schemaElement: SchemaElement {
        SchemaElement(
            type: type.physicalType, repetitionType: isOptional ? .optional : .required, name: name,
            numChildren: nil, convertedType: type.convertedType, logicalType: type.logicalType)
    }
}

extension ParquetValue {
    var displayName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int32: return "int32"
        case .int64: return "int64"
        case .double: return "double"
        case .string: return "string"
        case .date: return "date"
        }
    }
}

/// Depth-first schema: the root carries only its name and child count (all readers refuse a root without it).
func schemaElements(for fields: [ParquetField]) -> [SchemaElement] {
    let root = SchemaElement(
        type: nil, repetitionType: nil, name: "schema", numChildren: Int32(fields.count), convertedType: nil,
        logicalType: nil)
    return [root] + fields.map(\.schemaElement)
}
