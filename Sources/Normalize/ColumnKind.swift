import NianbaoCore

/// How the cells of one template column are read and which unit their values carry.
public enum ColumnKind: Sendable, Hashable {
    /// A non-negative count; a sign is still read so validation can report it.
    case count
    /// 本年增/减 (report-formats §2.1): the only column where "减少2" or "-2" is meant.
    case signedCount
    /// 采购总金额 (2019): cells carry their own unit ("1112万元", "251000元"); stored in yuan.
    case amountYuan
    /// 本年收费金额（单位：万元） (2021): stored in 万元 as the header says.
    case amountTenThousandYuan

    /// The kind of a column of a template table (report-formats §2.1–2.4).
    public static func of(table: TableName, column: String) -> ColumnKind {
        guard table == .activeDisclosure else { return .count }
        switch column {
        case "change": return .signedCount
        case "amount": return .amountYuan
        case "amount_10k_yuan": return .amountTenThousandYuan
        default: return .count
        }
    }

    /// Unit written next to the value. Only section 二 carries units in the contract; the application and
    /// appeal tables are plain counts.
    public func unit(in table: TableName) -> String? {
        switch self {
        case .count, .signedCount: return table == .activeDisclosure ? "件" : nil
        case .amountYuan: return "元"
        case .amountTenThousandYuan: return "万元"
        }
    }

    var isAmount: Bool { self == .amountYuan || self == .amountTenThousandYuan }
}
