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

    /// The parts of （七）总计 for one column: （一）…（六）, with （六） taken from its sub-rows when the
    /// 2021 shape is printed (report-formats §2.3: "when the sub-rows are present, other = their sum").
    static func resultTerms(_ grid: TableGrid, column: String) -> [Term?] {
        var terms = [
            grid.term(row: "granted", column: column),
            grid.term(row: "partial", column: column),
            grid.term("denied", rows: denied, column: column),
            grid.term("unable", rows: unable, column: column),
            grid.term("not_processed", rows: notProcessed, column: column),
        ]
        if hasOtherSubRows(grid) {
            terms.append(grid.term("other.*", rows: otherSubRows, column: column))
        } else {
            terms.append(grid.term(row: "other", column: column))
        }
        return terms
    }

    static func hasOtherSubRows(_ grid: TableGrid) -> Bool {
        otherSubRows.contains { grid.hasRow($0) }
    }
}

/// The groups of section 四 (report-formats §2.4).
enum AppealsCodes {
    static let groups = Codes.appealsGroups.map(\.code)
    /// 结果维持, 结果纠正, 其他结果, 尚未审结: the four parts of each group's 总计.
    static let leaves = Codes.appealsOutcomes.map(\.code).filter { $0 != "total" }
}

/// Section 二 codes the disclosure rules read.
enum DisclosureCodes {
    static let items = Codes.activeItems.map(\.code)

    /// The decimal columns; every other section 二 column is a count.
    static func isAmount(_ column: String) -> Bool { column == "amount" || column == "amount_10k_yuan" }
}
