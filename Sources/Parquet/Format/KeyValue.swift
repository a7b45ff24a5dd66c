/// `struct KeyValue`.
struct KeyValue: ThriftStruct {
    var key: String
    var value: String

    func write(to writer: inout CompactWriter) {
        writer.writeString(1, key)  // 1: required string key
        writer.writeString(2, value)  // 2: optional string value
        writer.writeStop()
    }
}
