/// `struct Statistics`: only the exact, sort-order-aware fields (5/6) plus null_count; the legacy
/// min/max (1/2) are left out because readers distrust them.
struct Statistics: ThriftStruct {
    var nullCount: Int64
    /// PLAIN encoding of the value without a length prefix.
    var maxValue: [UInt8]?
    var minValue: [UInt8]?

    func write(to writer: inout CompactWriter) {
        writer.writeI64(3, nullCount)  // 3: optional i64 null_count
        if let maxValue { writer.writeBinary(5, maxValue) }  // 5: optional binary max_value
        if let minValue { writer.writeBinary(6, minValue) }  // 6: optional binary min_value
        writer.writeStop()
    }
}
