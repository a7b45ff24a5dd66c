import NianbaoCore
import Parquet

/// A value of one output cell, converted once for both writers.
public enum Cell: Sendable, Hashable {
    case null
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case date(CivilDate)

    init(_ s: String?) { self = s.map(Cell.string) ?? .null }
    init(_ i: Int?) { self = i.map { .int(Int64($0)) } ?? .null }

    func parquet(as kind: ColumnSpec.Kind) -> ParquetValue {
        switch (self, kind) {
        case (.null, _): return .null
        case (.string(let s), _): return .string(s)
        case (.int(let i), .int32): return .int32(Int32(clamping: i))
        case (.int(let i), .double): return .double(Double(i))
        case (.int(let i), _): return .int64(i)
        case (.double(let d), .int64): return .int64(Int64(exactly: d.rounded()) ?? 0)
        case (.double(let d), .int32): return .int32(Int32(exactly: d.rounded()) ?? 0)
        case (.double(let d), _): return .double(d)
        case (.bool(let b), _): return .bool(b)
        case (.date(let d), _): return .date(Int32(clamping: d.daysSinceEpoch))
        }
    }

    /// CSV text: numbers without thousands separators, dates ISO 8601, nulls empty.
    var csv: String? {
        switch self {
        case .null: return nil
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return Cell.format(d)
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return d.description
        }
    }

    /// Shortest round-trip text; integral values without a trailing ".0" so spreadsheets show 668.57 and 12.
    static func format(_ d: Double) -> String {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }
}
