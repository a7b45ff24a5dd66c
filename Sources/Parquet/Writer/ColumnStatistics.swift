#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chunk statistics. Min/max must be exact or absent: DuckDB and polars prune on them and give
/// wrong answers otherwise.
enum ColumnStatistics {
    /// Longer string bounds are left out (null_count stays), as in pyarrow's size cap.
    static let maxStringStatisticBytes = 256

    static func make(for column: ColumnBuffer) -> Statistics {
        var statistics = Statistics(nullCount: Int64(column.nullCount), maxValue: nil, minValue: nil)
        guard column.valueCount > 0 else { return statistics }
        let bounds: (min: [UInt8], max: [UInt8])?
        switch column.field.type {
        case .boolean: bounds = booleanBounds(column.booleans)
        case .int32, .date: bounds = integerBounds(column.int32s)
        case .int64: bounds = integerBounds(column.int64s)
        case .double: bounds = doubleBounds(column.doubles)
        case .string:
            // A dictionary holds each distinct value once, so its entries are the candidates.
            bounds = column.usesDictionary
                ? stringBounds(column.stringDictionary.bytes, ends: column.stringDictionary.ends)
                : stringBounds(column.stringBytes, ends: column.stringEnds)
        }
        statistics.minValue = bounds?.min
        statistics.maxValue = bounds?.max
        return statistics
    }

    private static func booleanBounds(_ values: [UInt8]) -> (min: [UInt8], max: [UInt8])? {
        let hasTrue = values.contains(1)
        let hasFalse = values.contains(0)
        return (min: [hasFalse ? 0 : 1], max: [hasTrue ? 1 : 0])
    }

    private static func integerBounds<Value: FixedWidthInteger>(_ values: [Value]) -> (min: [UInt8], max: [UInt8])? {
        guard var low = values.first else { return nil }
        var high = low
        for value in values {
            if value < low { low = value }
            if value > high { high = value }
        }
        return (min: littleEndianBytes(low), max: littleEndianBytes(high))
    }

    /// NaN has no place in the order and is skipped; a zero bound is written as -0.0 (min) and
    /// +0.0 (max) as the Parquet spec asks, so either zero in the data stays inside the range.
    private static func doubleBounds(_ values: [Double]) -> (min: [UInt8], max: [UInt8])? {
        var low = Double.nan
        var high = Double.nan
        for value in values where !value.isNaN {
            if low.isNaN || value < low { low = value }
            if high.isNaN || value > high { high = value }
        }
        guard !low.isNaN else { return nil }
        if low == 0 { low = -0.0 }
        if high == 0 { high = 0.0 }
        return (min: littleEndianBytes(low.bitPattern), max: littleEndianBytes(high.bitPattern))
    }

    /// Unsigned bytewise order, which is how readers compare BYTE_ARRAY (not Swift's String order).
    private static func stringBounds(_ bytes: [UInt8], ends: [Int]) -> (min: [UInt8], max: [UInt8])? {
        guard !ends.isEmpty else { return nil }
        var low = 0
        var high = 0
        bytes.withUnsafeBytes { raw in
            for index in ends.indices {
                if compare(raw, ends, index, low) < 0 { low = index }
                if compare(raw, ends, index, high) > 0 { high = index }
            }
        }
        let lowRange = range(ends, low)
        let highRange = range(ends, high)
        guard lowRange.count <= maxStringStatisticBytes, highRange.count <= maxStringStatisticBytes else { return nil }
        return (min: Array(bytes[lowRange]), max: Array(bytes[highRange]))
    }

    private static func range(_ ends: [Int], _ index: Int) -> Range<Int> {
        (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }

    private static func compare(_ raw: UnsafeRawBufferPointer, _ ends: [Int], _ left: Int, _ right: Int) -> Int {
        let leftRange = range(ends, left)
        let rightRange = range(ends, right)
        let common = min(leftRange.count, rightRange.count)
        if common > 0, let base = raw.baseAddress {
            let order = memcmp(base + leftRange.lowerBound, base + rightRange.lowerBound, common)
            if order != 0 { return Int(order) }
        }
        return leftRange.count - rightRange.count
    }

    private static func littleEndianBytes<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
