import NianbaoCore
import Parquet
import CSV

/// A column of an output table: one declaration drives both the Parquet schema and the CSV header.
public struct ColumnSpec: Sendable {
    public enum Kind: Sendable { case string, int32, int64, double, boolean, date }
    public let name: String
    public let kind: Kind
    public let isOptional: Bool

    init(_ name: String, _ kind: Kind, optional: Bool = false) {
        self.name = name
        self.kind = kind
        self.isOptional = optional
    }

    var parquetField: ParquetField {
        let type: ParquetType
        switch kind {
        case .string: type = .string
        case .int32: type = .int32
        case .int64: type = .int64
        case .double: type = .double
        case .boolean: type = .boolean
        case .date: type = .date
        }
        return ParquetField(name, type, optional: isOptional)
    }

    var csvKind: CSVColumnKind {
        switch kind {
        case .string: return .text
        case .int32, .int64, .double: return .number
        case .boolean: return .boolean
        case .date: return .date
        }
    }
}

/// The tables of output-contract.md, each declared once. Columns after the contract's are extensions.
public enum TableSchema {
    public static let reports: [ColumnSpec] = [
        .init("report_id", .string), .init("source_path", .string), .init("source_bytes", .int64),
        .init("encoding", .string, optional: true), .init("script", .string, optional: true),
        .init("template", .string), .init("title", .string, optional: true), .init("agency", .string, optional: true),
        .init("report_year", .int32, optional: true), .init("published_date", .date, optional: true),
        .init("status", .string), .init("n_values", .int32), .init("n_errors", .int32), .init("n_warnings", .int32),
        // Extensions (report-formats §6 keeps these apart from `agency`).
        .init("signing_office", .string, optional: true), .init("publishing_unit", .string, optional: true),
        .init("signed_date", .date, optional: true),
    ]

    public static let applications: [ColumnSpec] = [
        .init("report_id", .string), .init("report_year", .int32, optional: true), .init("agency", .string, optional: true),
        .init("row_code", .string), .init("column_code", .string), .init("value", .int64, optional: true),
        .init("value_raw", .string), .init("derived", .boolean), .init("line", .int32, optional: true),
        .init("template", .string),
    ]

    public static let activeDisclosure: [ColumnSpec] = [
        .init("report_id", .string), .init("report_year", .int32, optional: true), .init("agency", .string, optional: true),
        .init("template", .string), .init("item_code", .string), .init("column_code", .string),
        .init("value", .double, optional: true), .init("unit", .string, optional: true), .init("value_raw", .string),
        .init("line", .int32, optional: true), .init("derived", .boolean),
    ]

    public static let appeals: [ColumnSpec] = [
        .init("report_id", .string), .init("report_year", .int32, optional: true), .init("agency", .string, optional: true),
        .init("group_code", .string), .init("outcome_code", .string), .init("value", .int64, optional: true),
        .init("value_raw", .string), .init("line", .int32, optional: true), .init("derived", .boolean),
    ]

    public static let figures: [ColumnSpec] = [
        .init("report_id", .string), .init("report_year", .int32, optional: true), .init("agency", .string, optional: true),
        .init("metric", .string), .init("value", .double), .init("unit", .string, optional: true),
        .init("qualifier", .string, optional: true), .init("quote", .string), .init("line", .int32, optional: true),
    ]

    public static let rejects: [ColumnSpec] = [
        .init("report_id", .string, optional: true), .init("source_path", .string), .init("stage", .string),
        .init("rule_id", .string), .init("severity", .string), .init("table", .string, optional: true),
        .init("row_code", .string, optional: true), .init("column_code", .string, optional: true),
        .init("expected", .string, optional: true), .init("actual", .string, optional: true), .init("message", .string),
        .init("line", .int32, optional: true),
    ]

    public static let codes: [ColumnSpec] = [
        .init("kind", .string), .init("code", .string), .init("label", .string), .init("gloss", .string),
    ]

    /// Columns of a value table by name.
    public static func columns(of table: TableName) -> [ColumnSpec] {
        switch table {
        case .applications: return applications
        case .activeDisclosure: return activeDisclosure
        case .appeals: return appeals
        case .figures: return figures
        }
    }
}
