import NianbaoCore

/// The groups of section 三 (report-formats §2.3) as the identities of §3.1 use them.
enum ApplicationCodes {
    static let rows = Codes.applicationRows.map(\.code)
    /// C: every column including 总计.
    static let columns = Codes.applicationColumns.map(\.code)
    /// 自然人 and the five 法人或其他组织 columns (natural_person + L).
    static let applicantColumns = columns.filter { $0 != "total" }
    static let denied = rows.filter { $0.hasPrefix("denied.") }
    static let unable = rows.filter { $0.hasPrefix("unable.") }
    static let notProcessed = rows.filter { $0.hasPrefix("not_processed.") }
    /// 2021 sub-rows of （六）其他处理.
    static let otherSubRows = rows.filter { $0.hasPrefix("other.") }
    /// Group rows a report may print although the template does not (A5).
    static let subtotals: [(row: String, children: [String])] = [
        ("denied", denied), ("unable", unable), ("not_processed", notProcessed),
    ]

    static func hasOtherSubRows(_ grid: TableGrid) -> Bool {
        at.otherSubRows.contains { grid.hasRow($0) }
    }

    /// Positions in GridLayout.applications, looked up once.
    static let at = ApplicationPositions(GridLayout.applications)

    /// （七）总计's parts for one column summed like `Identity` sums terms: （一）…（六）, with （六） taken
    /// from its sub-rows when the 2021 shape is printed (report-formats §2.3: "when the sub-rows are present,
    /// other = their sum"). nil when a part is not assessable.
    static func resultSum(_ grid: TableGrid, column: Int, _ at: ApplicationPositions, otherSubRows: Bool) -> Double? {
        guard let granted = grid.value(at.granted, column), let partial = grid.value(at.partial, column),
            let denied = grid.sum(rows: at.denied, column: column), let unable = grid.sum(rows: at.unable, column: column),
            let notProcessed = grid.sum(rows: at.notProcessed, column: column),
            let other = otherSubRows ? grid.sum(rows: at.otherSubRows, column: column) : grid.value(at.other, column)
        else { return nil }
        return 0 + granted + partial + denied + unable + notProcessed + other
    }

    /// The same parts as terms, for messages.
    static func resultTerms(_ grid: TableGrid, column: Int, _ at: ApplicationPositions, otherSubRows: Bool) -> [Term?] {
        func group(_ label: String, _ rows: [Int]) -> Term? {
            grid.sum(rows: rows, column: column).map { Term(label: label, value: $0) }
        }
        return [
            grid.term(row: at.granted, column: column), grid.term(row: at.partial, column: column),
            group("denied", at.denied), group("unable", at.unable), group("not_processed", at.notProcessed),
            otherSubRows ? group("other.*", at.otherSubRows) : grid.term(row: at.other, column: column),
        ]
    }
}

/// Row and column positions of section 三 in GridLayout.applications, named for the checks. A code missing
/// from the catalogue gets -1, which a grid treats as an absent cell.
struct ApplicationPositions: Sendable {
    let newReceived, carriedOver, granted, partial, other, total, carriedForward: Int
    let denied, unable, notProcessed, otherSubRows: [Int]
    /// The group rows of A5 with their numbered rows; `other` joins them for derivation when sub-rows are printed.
    let subtotals: [(row: Int, children: [Int])]
    let otherGroup: (row: Int, children: [Int])
    /// Template rows (not the group rows).
    let rows: [Int]
    let columns: [Int]
    let applicantColumns: [Int]
    let totalColumn: Int

    init(_ layout: GridLayout) {
        func row(_ code: String) -> Int { layout.rowCodes.firstIndex(of: code) ?? -1 }
        func rows(_ codes: [String]) -> [Int] { codes.map(row) }
        newReceived = row("new_received")
        carriedOver = row("carried_over")
        granted = row("granted")
        partial = row("partial")
        other = row("other")
        total = row("total")
        carriedForward = row("carried_forward")
        denied = rows(ApplicationCodes.denied)
        unable = rows(ApplicationCodes.unable)
        notProcessed = rows(ApplicationCodes.notProcessed)
        otherSubRows = rows(ApplicationCodes.otherSubRows)
        subtotals = ApplicationCodes.subtotals.map { (row($0.row), rows($0.children)) }
        otherGroup = (other, otherSubRows)
        self.rows = rows(ApplicationCodes.rows)
        columns = ApplicationCodes.columns.map { layout.columnCodes.firstIndex(of: $0) ?? -1 }
        applicantColumns = ApplicationCodes.applicantColumns.map { layout.columnCodes.firstIndex(of: $0) ?? -1 }
        totalColumn = layout.totalColumn
    }
}

/// The groups of section 四 (report-formats §2.4).
enum AppealsCodes {
    static let groups = Codes.appealsGroups.map(\.code)
    /// 结果维持, 结果纠正, 其他结果, 尚未审结: the four parts of each group's 总计.
    static let leaves = Codes.appealsOutcomes.map(\.code).filter { $0 != "total" }
    /// Positions in GridLayout.appeals.
    static let at = AppealsPositions(GridLayout.appeals)
}

struct AppealsPositions: Sendable {
    let review, litigationDirect, litigationAfterReview: Int
    let groups: [Int]
    let leaves: [Int]
    let totalColumn: Int

    init(_ layout: GridLayout) {
        func row(_ code: String) -> Int { layout.rowCodes.firstIndex(of: code) ?? -1 }
        review = row("review")
        litigationDirect = row("litigation_direct")
        litigationAfterReview = row("litigation_after_review")
        groups = AppealsCodes.groups.map(row)
        leaves = AppealsCodes.leaves.map { layout.columnCodes.firstIndex(of: $0) ?? -1 }
        totalColumn = layout.totalColumn
    }
}

/// Section 二 codes the disclosure rules read.
enum DisclosureCodes {
    static let items = Codes.activeItems.map(\.code)

    /// The decimal columns; every other section 二 column is a count.
    static func isAmount(_ column: String) -> Bool { column == "amount" || column == "amount_10k_yuan" }
    /// Positions in GridLayout.activeDisclosure.
    static let at = DisclosurePositions(GridLayout.activeDisclosure)
}

struct DisclosurePositions: Sendable {
    let items: [Int]
    let newPublished, totalPublished, prevYearItems, change: Int

    init(_ layout: GridLayout) {
        func column(_ code: String) -> Int { layout.columnCodes.firstIndex(of: code) ?? -1 }
        items = DisclosureCodes.items.map { layout.rowCodes.firstIndex(of: $0) ?? -1 }
        newPublished = column("new_published")
        totalPublished = column("total_published")
        prevYearItems = column("prev_year_items")
        change = column("change")
    }
}
