import NianbaoCore
import Normalize

/// Seeds 000, 001 and 002 transcribed by hand from /work/shared/seeds (the same files as data/reports),
/// as Extract should hand them over: codes of report-formats §2, cell text, source line.
enum SeedReports {
    // MARK: Seed 001 (遂宁经开区, 2019 template, one cell per line)

    /// Seed 001 section 三: (row, line of the first value, the seven values left to right). Each value sits on
    /// its own line, so the line of column i is first + i. Line 183 holds the "00" typo (research column).
    static let seed001Applications: [(String, Int, String)] = [
        ("new_received", 91, "12 0 0 0 0 0 12"),
        ("carried_over", 99, "0 0 0 0 0 0 0"),
        ("granted", 108, "2 0 0 0 0 0 2"),
        ("partial", 116, "0 0 0 0 0 0 0"),
        ("denied.state_secret", 125, "0 0 0 0 0 0 0"),
        ("denied.law_forbidden", 133, "0 0 0 0 0 0 0"),
        ("denied.three_security_one_stability", 141, "0 0 0 0 0 0 0"),
        ("denied.third_party_rights", 149, "0 0 0 0 0 0 0"),
        ("denied.internal_affairs", 157, "2 0 0 0 0 0 2"),
        ("denied.process_info", 165, "3 0 0 0 0 0 3"),
        ("denied.law_enforcement_file", 173, "0 0 0 0 0 0 0"),
        ("denied.admin_query", 181, "0 0 00 0 0 0 0"),
        ("unable.not_held", 190, "5 0 0 0 0 0 5"),
        ("unable.needs_creation", 198, "0 0 0 0 0 0 0"),
        ("unable.unclear_after_correction", 206, "0 0 0 0 0 0 0"),
        ("not_processed.petition_complaint", 215, "0 0 0 0 0 0 0"),
        ("not_processed.duplicate", 223, "0 0 0 0 0 0 0"),
        ("not_processed.publication", 231, "0 0 0 0 0 0 0"),
        ("not_processed.excessive", 239, "0 0 0 0 0 0 0"),
        ("not_processed.confirm_reissue", 247, "0 0 0 0 0 0 0"),
        ("other", 255, "0 0 0 0 0 0 0"),
        ("total", 263, "12 0 0 0 0 0 12"),
        ("carried_forward", 271, "0 0 0 0 0 0 0"),
    ]

    /// Seed 001 section 二, lines 26–73: (item, first value line, columns, values).
    static let seed001Active: [(String, Int, [String], [String])] = [
        ("regulations", 27, ["new_made", "new_published", "total_published"], ["0", "0", "0"]),
        ("normative_documents", 31, ["new_made", "new_published", "total_published"], ["3", "3", "5"]),
        ("licensing", 40, ["prev_year_items", "change", "decisions"], ["0", "0", "0"]),
        ("other_mgmt_services", 44, ["prev_year_items", "change", "decisions"], ["0", "0", "0"]),
        ("penalty", 53, ["prev_year_items", "change", "decisions"], ["0", "0", "0"]),
        ("coercion", 57, ["prev_year_items", "change", "decisions"], ["0", "0", "0"]),
        ("fees", 65, ["prev_year_items", "change"], ["0", "0"]),
        ("central_procurement", 72, ["projects", "amount"], ["8", "1112万元"]),
    ]

    static func seed001() -> ExtractedReport {
        var applications: [RawCell] = []
        for (row, first, values) in seed001Applications {
            for (offset, (column, raw)) in zip(applicationColumns, values.split(separator: " ")).enumerated() {
                applications.append(RawCell(rowCode: row, columnCode: column, raw: String(raw), line: first + offset))
            }
        }
        var active: [RawCell] = []
        for (item, first, columns, values) in seed001Active {
            for (offset, (column, raw)) in zip(columns, values).enumerated() {
                active.append(RawCell(rowCode: item, columnCode: column, raw: raw, line: first + offset))
            }
        }
        // Lines 298–312: fifteen "0" cells, one a line.
        let appeals = appealCells(values: Array(repeating: "0", count: 15)) { 298 + $0 }
        let metadata = ReportMetadata(
            title: "遂宁经济技术开发区管理委员会政府信息公开工作年度报告", agency: "遂宁经济技术开发区管理委员会",
            signingOffice: "遂宁经济技术开发区党政办公室", reportYear: 2019,
            signedDate: CivilDate(year: 2020, month: 1, day: 20),  // line 325: "2020年1月20日"
            template: .t2019)
        return ExtractedReport(
            header: ReportHeader(
                reportID: "21879049c23c2b1b", sourcePath: "001_21879049c23c2b1b.txt", sourceBytes: 1, encoding: "utf-8",
                script: .simplified, metadata: metadata),
            tables: [
                ExtractedTable(name: .activeDisclosure, template: .t2019, cells: active),
                ExtractedTable(name: .applications, template: .t2019, cells: applications),
                ExtractedTable(name: .appeals, template: .t2019, cells: appeals),
            ],
            figures: seed001Figures, breakdowns: [FigureBreakdown(total: 0, parts: Array(1...8)), FigureBreakdown(total: 9, parts: Array(10...18))])
    }

    /// Line 11: "累计主动公开政府信息915条 … 包括政府文件94条 … 计划总结信息2条 … 规范性文件信息4条 … 工作动态信息401条
    /// … 人事信息23条 … 财政信息74条 … 行政执法信息22条 … 其他信息59条" (Σ 679, a partial breakdown);
    /// line 13: "重点领域信息公开311条，其中行政权力信息35条，财政资金信息74条，公共资源配置信息11条，重大项目建设信息43条，
    /// 公共服务信息76条，国有企业信息8条，环境保护信息21条，食品药品安全信息25条，脱贫攻坚信息18条" (Σ 311).
    static let seed001Figures: [Figure] =
        [figure("proactive.cumulative", 915, line: 11)]
        + [94, 2, 4, 401, 23, 74, 22, 59].map { figure("proactive.by_category", $0, line: 11) }
        + [figure("key_areas.total", 311, line: 13)]
        + [35, 74, 11, 43, 76, 8, 21, 25, 18].map { figure("key_areas.by_area", $0, line: 13) }

    // MARK: Seed 002 (江夏区, 2021 active table, single （六） row, whole row a line)

    /// Seed 002 section 三, lines 38–60, one row a line.
    static let seed002Applications: [(String, Int, String)] = [
        ("new_received", 38, "156 2 0 0 2 0 160"),
        ("carried_over", 39, "0 0 0 0 0 0 0"),
        ("granted", 40, "19 1 0 0 0 0 20"),
        ("partial", 41, "2 0 0 0 2 0 4"),
        ("denied.state_secret", 42, "0 0 0 0 0 0 0"),
        ("denied.law_forbidden", 43, "0 0 0 0 0 0 0"),
        ("denied.three_security_one_stability", 44, "0 0 0 0 0 0 0"),
        ("denied.third_party_rights", 45, "0 0 0 0 0 0 0"),
        ("denied.internal_affairs", 46, "0 0 0 0 0 0 0"),
        ("denied.process_info", 47, "0 0 0 0 0 0 0"),
        ("denied.law_enforcement_file", 48, "1 0 0 0 0 0 1"),
        ("denied.admin_query", 49, "4 1 0 0 0 0 5"),
        ("unable.not_held", 50, "10 0 0 0 0 0 10"),
        ("unable.needs_creation", 51, "0 0 0 0 0 0 0"),
        ("unable.unclear_after_correction", 52, "0 0 0 0 0 0 0"),
        ("not_processed.petition_complaint", 53, "120 0 0 0 0 0 120"),
        ("not_processed.duplicate", 54, "0 0 0 0 0 0 0"),
        ("not_processed.publication", 55, "0 0 0 0 0 0 0"),
        ("not_processed.excessive", 56, "0 0 0 0 0 0 0"),
        ("not_processed.confirm_reissue", 57, "0 0 0 0 0 0 0"),
        ("other", 58, "0 0 0 0 0 0 0"),
        ("total", 59, "156 2 0 0 2 0 160"),
        ("carried_forward", 60, "0 0 0 0 0 0 0"),
    ]

    static func seed002() -> ExtractedReport {
        let applications = seed002Applications.flatMap { row, line, values in
            applicationCells(row: row, line: line, values: values)
        }
        // Lines 22–33, with the "?" debris Extract may leave: "規章 | 0 | ? ? 0 | ?0 |".
        let active = [
            RawCell(rowCode: "regulations", columnCode: "issued", raw: "0", line: 22),
            RawCell(rowCode: "regulations", columnCode: "repealed", raw: "? ? 0", line: 22),
            RawCell(rowCode: "regulations", columnCode: "in_force", raw: "?0", line: 22),
            RawCell(rowCode: "normative_documents", columnCode: "issued", raw: "2", line: 23),
            RawCell(rowCode: "normative_documents", columnCode: "repealed", raw: "1", line: 23),
            RawCell(rowCode: "normative_documents", columnCode: "in_force", raw: "22", line: 23),
            RawCell(rowCode: "licensing", columnCode: "decisions", raw: "558794", line: 26),
            RawCell(rowCode: "penalty", columnCode: "decisions", raw: "2542", line: 29),
            RawCell(rowCode: "coercion", columnCode: "decisions", raw: "401", line: 30),
            RawCell(rowCode: "fees", columnCode: "amount_10k_yuan", raw: "668.57", line: 33),
        ]
        // Line 66: "5 | 0 | 5 | 3 | 13 | 0 | 0 | 0 | 3 | 3 | 0 | 0 | 0 | 0 | 0 |".
        let appeals = appealCells(values: ["5", "0", "5", "3", "13", "0", "0", "0", "3", "3", "0", "0", "0", "0", "0"]) { _ in 66 }
        let metadata = ReportMetadata(
            title: "2021年江夏区政府信息公开工作年度报告", agency: "江夏区人民政府", publishingUnit: "江夏区行政审批局",
            reportYear: 2021,
            publishedDate: CivilDate(year: 2022, month: 2, day: 18),  // line 2: "發布日期:2022-02-18 15:15"
            template: .hybrid)
        // Line 10: "全年共公开发布各类信息3531余条，其中，政务公开目录2788条、政务动态742条、政务概况1条".
        let figures = [
            Figure(metric: "proactive.total", value: 3531, unit: "条", qualifier: .moreThan, quote: "共公开发布各类信息3531余条", line: 10),
            figure("proactive.by_category", 2788, line: 10),
            figure("proactive.by_category", 742, line: 10),
            figure("proactive.by_category", 1, line: 10),
        ]
        return ExtractedReport(
            header: ReportHeader(
                reportID: "cbaa75f9e60907ca", sourcePath: "002_cbaa75f9e60907ca.txt", sourceBytes: 1, encoding: "utf-8",
                script: .traditional, metadata: metadata),
            tables: [
                ExtractedTable(name: .activeDisclosure, template: .t2021, cells: active),
                ExtractedTable(name: .applications, template: .t2019, cells: applications),
                ExtractedTable(name: .appeals, template: .t2021, cells: appeals),
            ],
            figures: figures, breakdowns: [FigureBreakdown(total: 0, parts: [1, 2, 3])])
    }

    // MARK: Seed 000 (金台区 2017, narrative only)

    /// Line 10: "累計24156條。其中，金臺快報360條，部門動態790條，鎮街動態2076條，媒體聚焦253條，重點領域信息公開1381條，
    /// 區政府工作部門公開政府信息共計19296條"; line 11: "公開信息9535條，其中，政務微博5475條，政務微信1128條，
    /// 電子顯示屏1752條，廣播18條、電視12條、服務熱線257條、報刊893條".
    static func seed000() -> ExtractedReport {
        let figures =
            [figure("proactive.cumulative", 24156, line: 10)]
            + [360, 790, 2076, 253, 1381, 19296].map { figure("proactive.by_channel", $0, line: 10) }
            + [figure("proactive.media", 9535, line: 11)]
            + [5475, 1128, 1752, 18, 12, 257, 893].map { figure("proactive.by_channel", $0, line: 11) }
        let metadata = ReportMetadata(
            agency: "金台区人民政府", signingOffice: "金台区人民政府办公室", reportYear: 2017,
            signedDate: CivilDate(year: 2018, month: 1, day: 9),  // line 27: "2018年1月9日"
            template: .pre2019)
        return ExtractedReport(
            header: ReportHeader(
                reportID: "9f31b223519cc5ad", sourcePath: "000_9f31b223519cc5ad.txt", sourceBytes: 1, encoding: "utf-8",
                script: .traditional, metadata: metadata),
            figures: figures,
            breakdowns: [FigureBreakdown(total: 0, parts: Array(1...6)), FigureBreakdown(total: 7, parts: Array(8...14))])
    }

    // MARK: Building blocks

    static let applicationColumns = Codes.applicationColumns.map(\.code)

    static func applicationCells(row: String, line: Int, values: String) -> [RawCell] {
        zip(applicationColumns, values.split(separator: " ")).map { column, raw in
            RawCell(rowCode: row, columnCode: column, raw: String(raw), line: line)
        }
    }

    /// The fifteen appeal cells in reading order (report-formats §2.4).
    static func appealCells(values: [String], line: (Int) -> Int) -> [RawCell] {
        var cells: [RawCell] = []
        var position = 0
        for group in Codes.appealsGroups {
            for outcome in Codes.appealsOutcomes {
                cells.append(RawCell(rowCode: group.code, columnCode: outcome.code, raw: values[position], line: line(position)))
                position += 1
            }
        }
        return cells
    }

    static func figure(_ metric: String, _ value: Double, line: Int) -> Figure {
        Figure(metric: metric, value: value, unit: "条", qualifier: nil, quote: "\(Int(value))条", line: line)
    }
}

extension ExtractedReport {
    /// The report with one cell's text replaced (the cell must exist).
    func setting(_ table: TableName, _ row: String, _ column: String, to raw: String) -> ExtractedReport {
        var copy = self
        for t in copy.tables.indices where copy.tables[t].name == table {
            for c in copy.tables[t].cells.indices
            where copy.tables[t].cells[c].rowCode == row && copy.tables[t].cells[c].columnCode == column {
                copy.tables[t].cells[c].raw = raw
            }
        }
        return copy
    }

    /// The report with extra cells appended to a table.
    func adding(_ table: TableName, _ cells: [RawCell]) -> ExtractedReport {
        var copy = self
        for t in copy.tables.indices where copy.tables[t].name == table {
            copy.tables[t].cells.append(contentsOf: cells)
        }
        return copy
    }

    /// The report with its metadata changed.
    func withMetadata(_ change: (inout ReportMetadata) -> Void) -> ExtractedReport {
        var copy = self
        change(&copy.header.metadata)
        return copy
    }

    /// The report under another identity, for cross-year pairs.
    func renamed(id: String, path: String) -> ExtractedReport {
        var copy = self
        copy.header.reportID = id
        copy.header.sourcePath = path
        return copy
    }
}
