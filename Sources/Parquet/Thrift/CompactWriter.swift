/// Thrift compact protocol, write side only. Knows field ids and wire types, nothing about Parquet.
/// Spec: apache/thrift doc/specs/thrift-compact-protocol.md.

/// Wire type nibbles of the compact protocol.
enum CompactType: UInt8 {
    case boolTrue = 1, boolFalse = 2, i8 = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
    case binary = 8, list = 9, set = 10, map = 11, `struct` = 12
}

/// A value that serialises itself as a Thrift struct: its fields, then the stop byte.
/// The enclosing writer takes care of the field header and of the field-id context.
protocol ThriftStruct {
    func write(to writer: inout CompactWriter)
}

struct CompactWriter {
    var buffer = ByteBuffer()
    /// Field ids are delta-encoded against the previous field of the same struct, so each nested
    /// struct starts again from 0 and the outer id is restored when it ends.
    private var lastFieldId: Int16 = 0
    private var outerFieldIds: [Int16] = []

    init() {}

    var bytes: [UInt8] { buffer.bytes }

    mutating func reset() {
        buffer.removeAll()
        lastFieldId = 0
        outerFieldIds.removeAll(keepingCapacity: true)
    }

    // MARK: Field headers

    mutating func writeFieldHeader(_ id: Int16, _ type: CompactType) {
        let delta = Int(id) - Int(lastFieldId)
        if delta >= 1 && delta <= 15 {
            buffer.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            buffer.append(type.rawValue)
            buffer.appendZigzag(Int64(id))
        }
        lastFieldId = id
    }

    mutating func writeStop() {
        buffer.append(0)
    }

    // MARK: Scalar fields

    /// A bool field has no value bytes: the type nibble carries it.
    mutating func writeBool(_ id: Int16, _ value: Bool) {
        writeFieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    mutating func writeI8(_ id: Int16, _ value: Int8) {
        writeFieldHeader(id, .i8)
        buffer.append(UInt8(bitPattern: value))
    }

    mutating func writeI16(_ id: Int16, _ value: Int16) {
        writeFieldHeader(id, .i16)
        buffer.appendZigzag(Int64(value))
    }

    mutating func writeI32(_ id: Int16, _ value: Int32) {
        writeFieldHeader(id, .i32)
        buffer.appendZigzag(Int64(value))
    }

    mutating func writeI64(_ id: Int16, _ value: Int64) {
        writeFieldHeader(id, .i64)
        buffer.appendZigzag(value)
    }

    mutating func writeBinary(_ id: Int16, _ value: some Collection<UInt8>) {
        writeFieldHeader(id, .binary)
        buffer.appendVarint(UInt64(value.count))
        buffer.append(contentsOf: value)
    }

    mutating func writeString(_ id: Int16, _ value: String) {
        writeBinary(id, value.utf8)
    }

    // MARK: Structs

    mutating func writeStruct(_ id: Int16, _ value: some ThriftStruct) {
        writeFieldHeader(id, .struct)
        writeNested(value)
    }

    /// Writes a struct body in a fresh field-id context (used for fields and for list elements).
    mutating func writeNested(_ value: some ThriftStruct) {
        outerFieldIds.append(lastFieldId)
        lastFieldId = 0
        value.write(to: &self)
        lastFieldId = outerFieldIds.popLast() ?? 0
    }

    // MARK: Lists

    /// Short form packs sizes below 15 into the header byte; longer lists carry a varint size.
    mutating func writeListHeader(size: Int, elementType: CompactType) {
        if size < 15 {
            buffer.append(UInt8(size) << 4 | elementType.rawValue)
        } else {
            buffer.append(0xF0 | elementType.rawValue)
            buffer.appendVarint(UInt64(size))
        }
    }

    mutating func writeList(_ id: Int16, structs: [some ThriftStruct]) {
        writeFieldHeader(id, .list)
        writeListHeader(size: structs.count, elementType: .struct)
        for element in structs { writeNested(element) }
    }

    /// `count` structs already written one after another by `writeNested`.
    mutating func writeList(_ id: Int16, encodedStructs bytes: [UInt8], count: Int) {
        writeFieldHeader(id, .list)
        writeListHeader(size: count, elementType: .struct)
        buffer.append(contentsOf: bytes)
    }

    mutating func writeList(_ id: Int16, i32s: [Int32]) {
        writeFieldHeader(id, .list)
        writeListHeader(size: i32s.count, elementType: .i32)
        for element in i32s { buffer.appendZigzag(Int64(element)) }
    }

    mutating func writeList(_ id: Int16, strings: [String]) {
        writeFieldHeader(id, .list)
        writeListHeader(size: strings.count, elementType: .binary)
        for element in strings {
            buffer.appendVarint(UInt64(element.utf8.count))
            buffer.append(contentsOf: element.utf8)
        }
    }
}

/// The empty struct used by unions whose chosen member carries no data (StringType, DateType, TypeDefinedOrder).
struct EmptyStruct: ThriftStruct {
    func write(to writer: inout CompactWriter) {
        writer.writeStop()
    }
}
