/// Every code of report-formats §2 with its Chinese label and an English gloss, in template order.
/// This is the single source of the `codes` table and of the row/column order of the value tables.

/// One entry of the contract's `codes` table.
public struct CodeEntry: Sendable, Hashable {
    /// What kind of code: `application_row`, `application_column`, `active_item`, `active_column`,
    /// `appeals_group`, `appeals_outcome`, `metric`, `rule`.
    public let kind: String
    public let code: String
    public let label: String
    public let gloss: String

    public init(_ kind: String, _ code: String, _ label: String, _ gloss: String) {
        self.kind = kind
        self.code = code
        self.label = label
        self.gloss = gloss
    }
}

public enum Codes {
    /// Section 三 rows (report-formats §2.3), in template order. Group rows (`denied`, `unable`,
    /// `not_processed`) are derived subtotals and are not listed as data rows.
    public static let applicationRows: [CodeEntry] = [
        .init("application_row", "new_received", "一、本年新收政府信息公开申请数量", "applications received this year"),
        .init("application_row", "carried_over", "二、上年结转政府信息公开申请数量", "carried over from last year"),
        .init("application_row", "granted", "（一）予以公开", "disclosed"),
        .init("application_row", "partial", "（二）部分公开", "partially disclosed"),
        .init("application_row", "denied.state_secret", "1.属于国家秘密", "denied: state secret"),
        .init("application_row", "denied.law_forbidden", "2.其他法律行政法规禁止公开", "denied: forbidden by other law"),
        .init("application_row", "denied.three_security_one_stability", "3.危及“三安全一稳定”", "denied: security or stability"),
        .init("application_row", "denied.third_party_rights", "4.保护第三方合法权益", "denied: third-party rights"),
        .init("application_row", "denied.internal_affairs", "5.属于三类内部事务信息", "denied: internal affairs"),
        .init("application_row", "denied.process_info", "6.属于四类过程性信息", "denied: process information"),
        .init("application_row", "denied.law_enforcement_file", "7.属于行政执法案卷", "denied: enforcement case file"),
        .init("application_row", "denied.admin_query", "8.属于行政查询事项", "denied: administrative query matter"),
        .init("application_row", "unable.not_held", "1.本机关不掌握相关政府信息", "unable: not held"),
        .init("application_row", "unable.needs_creation", "2.没有现成信息需要另行制作", "unable: would need creating"),
        .init("application_row", "unable.unclear_after_correction", "3.补正后申请内容仍不明确", "unable: unclear after correction"),
        .init("application_row", "not_processed.petition_complaint", "1.信访举报投诉类申请", "not processed: petition or complaint"),
        .init("application_row", "not_processed.duplicate", "2.重复申请", "not processed: duplicate"),
        .init("application_row", "not_processed.publication", "3.要求提供公开出版物", "not processed: publication requested"),
        .init("application_row", "not_processed.excessive", "4.无正当理由大量反复申请", "not processed: excessive repeats"),
        .init("application_row", "not_processed.confirm_reissue", "5.要求行政机关确认或重新出具已获取信息", "not processed: confirm or reissue"),
        .init("application_row", "other", "（六）其他处理", "other handling"),
        .init("application_row", "other.correction_overdue", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other: correction overdue"),
        .init("application_row", "other.fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other: fee unpaid"),
        .init("application_row", "other.misc", "3.其他", "other: miscellaneous"),
        .init("application_row", "total", "（七）总计", "total handled this year"),
        .init("application_row", "carried_forward", "四、结转下年度继续办理", "carried forward to next year"),
    ]

    /// Section 三 columns, left to right.
    public static let applicationColumns: [CodeEntry] = [
        .init("application_column", "natural_person", "自然人", "natural persons"),
        .init("application_column", "commercial", "商业企业", "commercial enterprises"),
        .init("application_column", "research", "科研机构", "research institutions"),
        .init("application_column", "social_welfare", "社会公益组织", "public-welfare organisations"),
        .init("application_column", "legal_service", "法律服务机构", "legal service institutions"),
        .init("application_column", "other_org", "其他", "other organisations"),
        .init("application_column", "total", "总计", "all applicants"),
    ]

    /// Section 二 items (2019 and 2021 templates), in template order.
    public static let activeItems: [CodeEntry] = [
        .init("active_item", "regulations", "规章", "regulations"),
        .init("active_item", "normative_documents", "规范性文件", "normative documents"),
        .init("active_item", "licensing", "行政许可", "administrative licensing"),
        .init("active_item", "other_mgmt_services", "其他对外管理服务事项", "other external management services"),
        .init("active_item", "penalty", "行政处罚", "administrative penalties"),
        .init("active_item", "coercion", "行政强制", "administrative coercion"),
        .init("active_item", "fees", "行政事业性收费", "administrative fees"),
        .init("active_item", "central_procurement", "政府集中采购", "central government procurement"),
    ]

    /// Section 二 columns of both templates.
    public static let activeColumns: [CodeEntry] = [
        .init("active_column", "new_made", "本年新制作数量", "made this year (2019)"),
        .init("active_column", "new_published", "本年新公开数量", "newly published this year (2019)"),
        .init("active_column", "total_published", "对外公开总数量", "total published (2019)"),
        .init("active_column", "prev_year_items", "上一年项目数量", "items at end of last year (2019)"),
        .init("active_column", "change", "本年增/减", "net change this year (2019)"),
        .init("active_column", "decisions", "处理决定数量", "decisions made"),
        .init("active_column", "projects", "采购项目数量", "procurement projects (2019)"),
        .init("active_column", "amount", "采购总金额", "procurement amount in yuan (2019)"),
        .init("active_column", "issued", "本年制发件数", "issued this year (2021)"),
        .init("active_column", "repealed", "本年废止件数", "repealed this year (2021)"),
        .init("active_column", "in_force", "现行有效件数", "in force (2021)"),
        .init("active_column", "amount_10k_yuan", "本年收费金额（单位：万元）", "fees collected, 10,000 yuan (2021)"),
    ]

    /// Section 四 column groups, left to right.
    public static let appealsGroups: [CodeEntry] = [
        .init("appeals_group", "review", "行政复议", "administrative reconsideration"),
        .init("appeals_group", "litigation_direct", "未经复议直接起诉", "litigation without prior reconsideration"),
        .init("appeals_group", "litigation_after_review", "复议后起诉", "litigation after reconsideration"),
    ]

    /// Section 四 leaves of every group, left to right.
    public static let appealsOutcomes: [CodeEntry] = [
        .init("appeals_outcome", "upheld", "结果维持", "decision upheld"),
        .init("appeals_outcome", "corrected", "结果纠正", "decision corrected"),
        .init("appeals_outcome", "other", "其他结果", "other outcome"),
        .init("appeals_outcome", "pending", "尚未审结", "not concluded"),
        .init("appeals_outcome", "total", "总计", "total cases"),
    ]

    /// Every table code; metrics and rules are appended by Load from their own catalogues.
    public static var tableCodes: [CodeEntry] {
        applicationRows + applicationColumns + activeItems + activeColumns + appealsGroups + appealsOutcomes
    }

    // Positions by code, built once: Load asks for them for every cell of every report.
    private static func positions(_ list: [CodeEntry]) -> [String: Int] {
        Dictionary(list.enumerated().map { ($0.element.code, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }
    private static let rowPositions: [TableName: [String: Int]] = [
        .applications: positions(applicationRows), .activeDisclosure: positions(activeItems), .appeals: positions(appealsGroups),
    ]
    private static let columnPositions: [TableName: [String: Int]] = [
        .applications: positions(applicationColumns), .activeDisclosure: positions(activeColumns), .appeals: positions(appealsOutcomes),
    ]

    /// Sort position of a row code within its table, for the contract's natural row order; unknown codes sort last.
    public static func order(ofRow code: String, in table: TableName) -> Int {
        guard let positions = rowPositions[table] else { return 0 }
        return positions[code] ?? positions.count
    }

    /// Sort position of a column code within its table; unknown codes sort last.
    public static func order(ofColumn code: String, in table: TableName) -> Int {
        guard let positions = columnPositions[table] else { return 0 }
        return positions[code] ?? positions.count
    }
}
