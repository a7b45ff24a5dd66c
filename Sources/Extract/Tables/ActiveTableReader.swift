import NianbaoCore

/// Reads the section 二 第二十条 tables (report-formats §2.1–2.2): caption rows open a block, header cells name
/// its columns, item labels start rows. The template follows the column labels (§1.2 rules 1–2).
enum ActiveTableReader {
    private static func s(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    /// Column label keyword → column code, for both templates.
    static let columnKeywords: [(keyword: [Unicode.Scalar], code: String)] = [
        ("新制作", "new_made"), ("新公开", "new_published"), ("公开总数", "total_published"),
        ("上一年项目", "prev_year_items"), ("上年项目", "prev_year_items"), ("增/减", "change"), ("增减", "change"),
        ("处理决定", "decisions"), ("采购项目", "projects"), ("采购总金额", "amount"), ("总金额", "amount"),
        ("制发件数", "issued"), ("废止件数", "repealed"), ("现行有效", "in_force"), ("收费金额", "amount_10k_yuan"),
    ].map { (s($0.0), $0.1) }

    static let columns2021: Set<String> = ["issued", "repealed", "in_force", "amount_10k_yuan"]
    static let columns2019: Set<String> = ["new_made", "new_published", "total_published", "prev_year_items", "change", "projects", "amount"]

    /// Default columns per template and item, used when a block header could not be read.
    static let defaults2019: [String: [String]] = [
        "regulations": ["new_made", "new_published", "total_published"],
        "normative_documents": ["new_made", "new_published", "total_published"],
        "licensing": ["prev_year_items", "change", "decisions"],
        "other_mgmt_services": ["prev_year_items", "change", "decisions"],
        "penalty": ["prev_year_items", "change", "decisions"],
        "coercion": ["prev_year_items", "change", "decisions"],
        "fees": ["prev_year_items", "change"],
        "central_procurement": ["projects", "amount"],
    ]
    static let defaults2021: [String: [String]] = [
        "regulations": ["issued", "repealed", "in_force"],
        "normative_documents": ["issued", "repealed", "in_force"],
        "licensing": ["decisions"],
        "penalty": ["decisions"],
        "coercion": ["decisions"],
        "fees": ["amount_10k_yuan"],
    ]

    /// Item label keyword → item code, in the order they are tried.
    static let itemKeywords: [(keyword: [Unicode.Scalar], code: String)] = [
        ("规范性文件", "normative_documents"), ("规章", "regulations"), ("行政许可", "licensing"), ("对外管理", "other_mgmt_services"),
        ("行政处罚", "penalty"), ("行政强制", "coercion"), ("事业性收费", "fees"), ("集中采购", "central_procurement"),
    ].map { (s($0.0), $0.1) }

    /// Every keyword a label is tested for, found in one pass: bit 0 "第二十条", 1 "信息内容", 2 "本年处理决定",
    /// then `columnKeywords`, then `itemKeywords`.
    private static let vocabulary = KeywordSet(
        [s("第二十条"), s("信息内容"), s("本年处理决定")] + columnKeywords.map(\.keyword) + itemKeywords.map(\.keyword))
    private static let articleBit: UInt64 = 1 << 0
    private static let contentBit: UInt64 = 1 << 1
    private static let decisions2021Bit: UInt64 = 1 << 2
    private static let columnShift = 3
    private static var itemShift: Int { columnShift + columnKeywords.count }

    /// The item a label names, if it is a short table label; `length` is its compact length.
    private static func item(length: Int, bits: UInt64) -> String? {
        guard length <= 24, bits & (articleBit | contentBit) == 0 else { return nil }
        let items = bits >> UInt64(itemShift)
        return items == 0 ? nil : itemKeywords[items.trailingZeroBitCount].code
    }

    /// The first of `columnKeywords` in the label.
    private static func column(length: Int, bits: UInt64) -> String? {
        guard length <= 30 else { return nil }
        let columns = (bits >> UInt64(columnShift)) & ((1 << UInt64(columnKeywords.count)) - 1)
        return columns == 0 ? nil : columnKeywords[columns.trailingZeroBitCount].code
    }

    /// The keywords of `vocabulary` in every label token, 0 for value tokens; both passes over a table use them.
    private static func labelBits(_ cells: ZoneCells) -> [UInt64] {
        cells.scalars.withUnsafeBufferPointer { all in
            cells.tokens.map { $0.isValue ? 0 : vocabulary.present(in: UnsafeBufferPointer(rebasing: all[$0.compactRange])) }
        }
    }

    /// 2021 or 2019 by column labels, then by items only the 2019 template has, then by year.
    private static func template(_ tokens: [CellToken], bits labelBits: [UInt64]) -> Template? {
        var saw2019 = false
        for (i, token) in tokens.enumerated() where !token.isValue {
            let bits = labelBits[i]
            guard let code = column(length: token.compactRange.count, bits: bits) else { continue }
            // "本年处理决定数量" is 2021 wording; 2019 says "处理决定数量" (report-formats §1.2 rule 1).
            if code == "decisions" && bits & decisions2021Bit != 0 { return .t2021 }
            if columns2021.contains(code) { return .t2021 }
            if columns2019.contains(code) { saw2019 = true }
        }
        if saw2019 { return .t2019 }
        return nil
    }

    static func read(_ cells: ZoneCells, reportYear: Int?, findings: inout Findings) -> ExtractedTable? {
        let tokens = cells.tokens
        let labelBits = labelBits(cells)
        let headerTemplate = template(tokens, bits: labelBits)
        var rows: [String: [CellToken]] = [:]
        var rowColumns: [String: [String]] = [:]
        var blockColumns: [String] = []
        var pending: String?
        var inHeader = false
        for (i, token) in tokens.enumerated() {
            if token.isValue {
                if let pending { rows[pending, default: []].append(token) }
                continue
            }
            let bits = labelBits[i]
            if bits & (articleBit | contentBit) != 0 {
                if bits & articleBit != 0 { blockColumns = [] }
                inHeader = true
                pending = nil
                continue
            }
            if let code = column(length: token.compactRange.count, bits: bits) {
                if !inHeader { blockColumns = [] }
                inHeader = true
                if blockColumns.last != code { blockColumns.append(code) }
                pending = nil
                continue
            }
            inHeader = false
            if let code = item(length: token.compactRange.count, bits: bits) {
                if let existing = rows[code], existing.contains(where: { !$0.isPadding }) {
                    pending = nil
                } else {
                    pending = code
                    rows[code] = []
                    rowColumns[code] = blockColumns
                }
            } else if let p = pending, rows[p]?.isEmpty == false {
                pending = nil
            }
        }
        guard !rows.isEmpty else { return nil }
        let only2019 = rows["other_mgmt_services"] != nil || rows["central_procurement"] != nil
        guard let template = headerTemplate ?? (only2019 ? .t2019 : nil) ?? yearTemplate(reportYear) else { return nil }
        // Without any column header this is prose naming an item, not a table.
        guard headerTemplate != nil || rows.values.contains(where: { !$0.isEmpty }) && only2019 else { return nil }
        let defaults = template == .t2021 ? defaults2021 : defaults2019
        let allowed = template == .t2021 ? columns2021.union(["decisions"]) : columns2019.union(["decisions"])

        var cells: [RawCell] = []
        var missing: [String] = []
        for item in Codes.activeItems.map(\.code) {
            guard let itemDefaults = defaults[item] else { continue }
            guard let tokens = rows[item], !tokens.isEmpty else {
                missing.append(item)
                continue
            }
            let header = rowColumns[item] ?? []
            let columns = !header.isEmpty && header.allSatisfy(allowed.contains) ? header : itemDefaults
            let reading = RowValueResolver.resolve(tokens, columns: columns.count, identity: .none)
            for note in reading.notes {
                findings.add(
                    note.rule, note.message, table: .activeDisclosure, row: item, expected: note.expected,
                    actual: note.actual, line: note.line)
            }
            for (i, column) in columns.enumerated() {
                let cell = reading.cells[i]
                cells.append(RawCell(rowCode: item, columnCode: column, raw: cell?.text ?? "", line: cell?.line))
            }
        }
        guard !cells.isEmpty else { return nil }
        if !missing.isEmpty {
            findings.add(
                TableRules.tableIncomplete, "active-disclosure table lacks rows: \(missing.joined(separator: ", "))",
                table: .activeDisclosure, expected: "\(defaults.count) rows", actual: "\(defaults.count - missing.count) rows")
        }
        return ExtractedTable(name: .activeDisclosure, template: template, cells: cells)
    }

    private static func yearTemplate(_ year: Int?) -> Template? {
        guard let year else { return nil }
        return year >= 2021 ? .t2021 : .t2019
    }
}
