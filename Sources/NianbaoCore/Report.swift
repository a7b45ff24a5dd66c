/// The values that flow between stages, named for the state of the data:
/// SourceFile → DecodedText → CleanText → ExtractedReport → NormalizedReport → CheckedReport.

/// One input file as read from the archive.
public struct SourceFile: Sendable {
    /// Path relative to the input folder, `/`-separated.
    public var relativePath: String
    public var bytes: [UInt8]
    /// Lower-case hex SHA-256 of `bytes`; computed once, because the pipeline also keys its cache by it.
    public let contentHash: String

    public init(relativePath: String, bytes: [UInt8]) {
        self.relativePath = relativePath
        self.bytes = bytes
        self.contentHash = SHA256.hex(bytes)
    }

    /// Contract `report_id`: the first 16 hex digits of the SHA-256 of the file's bytes.
    public var reportID: String { String(contentHash.prefix(16)) }
}

/// A document decoded to Unicode, before any clean-up.
public struct DecodedText: Sendable {
    /// Contract `reports.encoding`: `utf-8`, `gb18030`, `big5`, `utf-16le`, `utf-16be`.
    public var encoding: String
    public var text: String
    /// Bytes that could not be decoded and were skipped.
    public var invalidByteCount: Int

    public init(encoding: String, text: String, invalidByteCount: Int = 0) {
        self.encoding = encoding
        self.text = text
        self.invalidByteCount = invalidByteCount
    }
}

/// One line of cleaned text with the 1-based line of the decoded source it came from.
public struct TextLine: Sendable, Hashable, Codable {
    public var number: Int
    public var text: String

    public init(number: Int, text: String) {
        self.number = number
        self.text = text
    }
}

/// Text after report-formats §4.1: NFKC, pinyin glosses and "?" debris removed, simplified script,
/// boilerplate lines dropped. Every matcher works on this, never on the raw text.
public struct CleanText: Sendable {
    public var lines: [TextLine]
    public var script: Script

    public init(lines: [TextLine], script: Script) {
        self.lines = lines
        self.script = script
    }
}

/// Report metadata (report-formats §6).
public struct ReportMetadata: Sendable, Codable, Hashable {
    public var title: String?
    /// The reporting body, e.g. `江夏区人民政府`.
    public var agency: String?
    /// Who signed the report, when it differs from the agency (e.g. its 办公室).
    public var signingOffice: String?
    /// Page field 来源/发布机构, when present.
    public var publishingUnit: String?
    public var reportYear: Int?
    public var publishedDate: CivilDate?
    public var signedDate: CivilDate?
    /// Template generation of the document as a whole (tables carry their own).
    public var template: Template

    public init(
        title: String? = nil, agency: String? = nil, signingOffice: String? = nil, publishingUnit: String? = nil,
        reportYear: Int? = nil, publishedDate: CivilDate? = nil, signedDate: CivilDate? = nil,
        template: Template = .unknown
    ) {
        self.title = title
        self.agency = agency
        self.signingOffice = signingOffice
        self.publishingUnit = publishingUnit
        self.reportYear = reportYear
        self.publishedDate = publishedDate
        self.signedDate = signedDate
        self.template = template
    }

    /// Contract `reports.published_date`: the publication date, else the signature date.
    public var contractDate: CivilDate? { publishedDate ?? signedDate }
}

/// Who a report is and what it was read as; travels unchanged from Extract to Load.
public struct ReportHeader: Sendable, Codable, Hashable {
    public var reportID: String
    public var sourcePath: String
    public var sourceBytes: Int
    public var encoding: String?
    public var script: Script?
    public var metadata: ReportMetadata
    /// False when the file could not be decoded or holds no report; such a report gets status `failed`.
    public var isReadable: Bool

    public init(
        reportID: String, sourcePath: String, sourceBytes: Int, encoding: String? = nil, script: Script? = nil,
        metadata: ReportMetadata = ReportMetadata(), isReadable: Bool = true
    ) {
        self.reportID = reportID
        self.sourcePath = sourcePath
        self.sourceBytes = sourceBytes
        self.encoding = encoding
        self.script = script
        self.metadata = metadata
        self.isReadable = isReadable
    }
}

/// A table cell as read: codes from report-formats §2, the cell text, the source line.
public struct RawCell: Sendable, Codable, Hashable {
    public var rowCode: String
    public var columnCode: String
    /// Cell text after whitespace clean-up; empty for a blank cell.
    public var raw: String
    public var line: Int?

    public init(rowCode: String, columnCode: String, raw: String, line: Int?) {
        self.rowCode = rowCode
        self.columnCode = columnCode
        self.raw = raw
        self.line = line
    }
}

/// One template table of a report as extracted, in template row order then column order.
public struct ExtractedTable: Sendable, Codable, Hashable {
    public var name: TableName
    /// Template of this table (detected per table, report-formats §1.2).
    public var template: Template
    public var cells: [RawCell]

    public init(name: TableName, template: Template, cells: [RawCell]) {
        self.name = name
        self.template = template
        self.cells = cells
    }
}

/// How a stated figure relates to its exact value (report-formats §5.3).
public enum FigureQualifier: String, Sendable, Codable {
    case moreThan = "more_than"
    case about
    case nearly
    case statedZero = "stated_zero"
}

/// A figure stated in running text (contract `figures`).
public struct Figure: Sendable, Codable, Hashable {
    /// Catalogue code, e.g. `applications.received`.
    public var metric: String
    public var value: Double
    public var unit: String?
    public var qualifier: FigureQualifier?
    /// The phrase it came from.
    public var quote: String
    public var line: Int?

    public init(metric: String, value: Double, unit: String?, qualifier: FigureQualifier?, quote: String, line: Int?) {
        self.metric = metric
        self.value = value
        self.unit = unit
        self.qualifier = qualifier
        self.quote = quote
        self.line = line
    }
}

/// A "total, 其中 parts" structure in prose (report-formats §5.4): indices into the report's figures.
public struct FigureBreakdown: Sendable, Codable, Hashable {
    public var total: Int
    public var parts: [Int]

    public init(total: Int, parts: [Int]) {
        self.total = total
        self.parts = parts
    }
}

/// Extract's output: metadata, raw table cells and figures of one report.
public struct ExtractedReport: Sendable, Codable {
    public var header: ReportHeader
    public var tables: [ExtractedTable]
    public var figures: [Figure]
    public var breakdowns: [FigureBreakdown]

    public init(header: ReportHeader, tables: [ExtractedTable] = [], figures: [Figure] = [], breakdowns: [FigureBreakdown] = []) {
        self.header = header
        self.tables = tables
        self.figures = figures
        self.breakdowns = breakdowns
    }
}

/// What a cell token meant (report-formats §4.4).
public enum CellKind: String, Sendable, Codable {
    /// A number was read.
    case number
    /// Empty cell: 0 in sums of details, "not filled" for totals.
    case blank
    /// "/", dashes: not applicable; null, 0 in sums.
    case notApplicable = "not_applicable"
    /// Text that is no number; null, excluded from checks.
    case unreadable
}

/// A typed table cell (contract `applications`, `active_disclosure`, `appeals` rows).
public struct ValueCell: Sendable, Codable, Hashable {
    public var rowCode: String
    public var columnCode: String
    /// The number read (amounts normalised: 万元 cells of a yuan column become yuan); nil unless `kind == .number`
    /// or `derived`.
    public var value: Double?
    public var kind: CellKind
    /// Unit of `value` when the column carries one (件, 元, 万元).
    public var unit: String?
    public var raw: String
    public var line: Int?
    /// True when the value was computed (a blank total), not read.
    public var derived: Bool

    public init(
        rowCode: String, columnCode: String, value: Double?, kind: CellKind, unit: String? = nil, raw: String,
        line: Int?, derived: Bool = false
    ) {
        self.rowCode = rowCode
        self.columnCode = columnCode
        self.value = value
        self.kind = kind
        self.unit = unit
        self.raw = raw
        self.line = line
        self.derived = derived
    }

    /// The cell's contribution to a sum: blanks and "not applicable" count as 0 (report-formats §3.4).
    public var summand: Double? {
        switch kind {
        case .number: return value
        case .blank, .notApplicable: return derived ? value : 0
        case .unreadable: return nil
        }
    }
}

/// One template table with typed values.
public struct NormalizedTable: Sendable, Codable, Hashable {
    public var name: TableName
    public var template: Template
    public var cells: [ValueCell]

    public init(name: TableName, template: Template, cells: [ValueCell]) {
        self.name = name
        self.template = template
        self.cells = cells
    }

    /// The cell at row and column codes, if the table has it.
    public func cell(_ row: String, _ column: String) -> ValueCell? {
        cells.first { $0.rowCode == row && $0.columnCode == column }
    }
}

/// Normalize's output.
public struct NormalizedReport: Sendable, Codable {
    public var header: ReportHeader
    public var tables: [NormalizedTable]
    public var figures: [Figure]
    public var breakdowns: [FigureBreakdown]

    public init(header: ReportHeader, tables: [NormalizedTable] = [], figures: [Figure] = [], breakdowns: [FigureBreakdown] = []) {
        self.header = header
        self.tables = tables
        self.figures = figures
        self.breakdowns = breakdowns
    }

    public func table(_ name: TableName) -> NormalizedTable? { tables.first { $0.name == name } }
}

/// Validate's output: the report with its verdict. Tables that failed an error-level check are listed in
/// `quarantined` (they still sit in `report.tables`; Load routes them).
public struct CheckedReport: Sendable, Codable {
    public var report: NormalizedReport
    public var rejects: [Reject]
    public var quarantined: Set<TableName>
    public var status: ReportStatus

    public init(report: NormalizedReport, rejects: [Reject], quarantined: Set<TableName>, status: ReportStatus) {
        self.report = report
        self.rejects = rejects
        self.quarantined = quarantined
        self.status = status
    }

    public var header: ReportHeader { report.header }
    /// Contract `reports.n_values`: cells and figures extracted.
    public var valueCount: Int { report.tables.reduce(0) { $0 + $1.cells.count } + report.figures.count }
    public var errorCount: Int { rejects.count { $0.severity == .error } }
    public var warningCount: Int { rejects.count { $0.severity == .warning } }
}
