import Foundation
import NianbaoCore

/// Pre-2019 statistics tables that survived as text rows (report-formats §5.1–5.2):
/// "主动公开信息数 | 条 | 1234 | 5678", with an optional header "指标名称 | 计量单位 | 代码 | 本期实际 | 历年累计".
///
/// Column choice: the period column (本期/本年/年度, and 本年累计 = year to date) gives the plain metric; the
/// cumulative column (历年累计, or a 累计 that is not 本年累计) gives `FigureMetrics.cumulative(of:)`, i.e. the
/// `.cumulative` suffix (`proactive.cumulative` for `proactive.total`). Without a header the first number after the
/// unit cell is the period value and the second the cumulative one. Money rows in 万元 become 元.
struct StatisticsTableReader {
    enum Column { case period, cumulative, skip }

    /// Roles of the cells after the unit cell, from the latest header row.
    private var roles: [Column]?

    /// Row labels, most specific first (matched by containment after dropping "其中" and numbering).
    static let labels: [(label: String, metric: String)] = [
        ("全文电子化", "proactive.full_text_electronic"),
        ("主动公开规范性文件", "proactive.normative_docs"),
        ("制发规范性文件", "normative_docs_issued"),
        ("新增的行政规范性文件", "proactive.normative_docs"),
        ("提供服务类信息", "proactive.service_info"),
        ("政府公报公开", "proactive.by_channel.gazette"),
        ("政府网站公开", "proactive.by_channel.website"),
        ("政务微博公开", "proactive.by_channel.weibo"),
        ("政务微信公开", "proactive.by_channel.wechat"),
        ("其他方式公开", "proactive.by_channel.other"),
        ("主动公开", "proactive.total"),
        ("回应公众关注热点", "hot_topic_responses"),
        ("政策解读", "interpretations"),
        ("网站专栏页面访问量", "website_visits"),
        ("咨询", "consultations"),
        ("当面申请", "applications.channel.in_person"),
        ("传真申请", "applications.channel.fax"),
        ("电子邮件申请", "applications.channel.email"),
        ("网上申请", "applications.channel.online"),
        ("网络申请", "applications.channel.online"),
        ("信函申请", "applications.channel.letter"),
        ("同意部分公开", "answers.partial"),
        ("不同意公开", "answers.refused"),
        ("否决公开", "answers.refused"),
        ("不予公开答复", "answers.refused"),
        ("同意公开", "answers.granted"),
        ("答复总数", "applications.answered"),
        ("申请答复数", "applications.answered"),
        ("申请总数", "applications.received"),
        ("收到申请数", "applications.received"),
        ("受理依申请公开信息总数", "applications.received"),
        ("行政复议", "review.total"),
        ("行政诉讼", "litigation.total"),
        ("行政申诉", "complaints.total"),
        ("举报投诉", "complaints.total"),
        ("收取的费用", "fees.amount_yuan"),
        ("专项经费", "budget.amount_yuan"),
        ("查阅点", "reading_points"),
        ("专职", "staff.full_time"),
        ("兼职", "staff.part_time"),
        ("工作人员数", "staff.total"),
        ("召开会议", "meetings"),
        ("培训班", "trainings"),
        ("接受培训", "trainees"),
    ]

    static let unitCells: [String: (unit: String, factor: Double)] = [
        "条": ("条", 1), "件": ("件", 1), "个": ("个", 1), "次": ("次", 1), "篇": ("篇", 1), "人": ("人", 1),
        "人次": ("人次", 1), "项": ("项", 1), "元": ("元", 1), "万元": ("元", 10_000),
    ]

    /// Cheap test on the UTF-8 of a line: a statistics row has a cell that is just a unit, or it is a header
    /// naming 单位. Template rows (most pipe lines) fail it without building any String.
    static func mayBeStatisticsRow(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let header = headerWordBytes
        var cellStart = 0
        // One pass: cells are checked at each "|", and "单位" wherever its first byte shows (it holds no "|" or
        // space byte, so it lies inside a trimmed cell wherever it occurs in the line).
        for i in 0...b.count {
            if i == b.count || b[i] == 0x7C {
                if i - cellStart >= 3, isUnitCell(b, cellStart, i) { return true }
                cellStart = i + 1
            } else if b[i] == header[0], FigureBytes.hasPrefix(header, b, at: i, end: b.count) {
                return true
            }
        }
        return false
    }

    /// Whether `b[lo..<hi]` without surrounding spaces is a unit word: one or two Han scalars (人次, 万元), three
    /// or six bytes.
    private static func isUnitCell(_ b: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        var lo = lo
        var hi = hi
        while lo < hi {
            let w = spaceWidth(b, at: lo, end: hi)
            if w == 0 { break }
            lo += w
        }
        while hi > lo {
            let w = spaceWidth(b, endingAt: hi, start: lo)
            if w == 0 { break }
            hi -= w
        }
        guard hi - lo == 3 || hi - lo == 6 else { return false }
        return unitWordBytes.contains { $0.count == hi - lo && FigureBytes.hasPrefix($0, b, at: lo, end: hi) }
    }

    /// Bytes of the `ScalarText.isSpace` scalar starting at `i` (" ", tab, U+00A0, U+3000), or 0.
    @inline(__always)
    private static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int {
        let c = b[i]
        if c == 0x20 || c == 0x09 { return 1 }
        if c == 0xC2, i + 1 < end, b[i + 1] == 0xA0 { return 2 }
        if c == 0xE3, i + 2 < end, b[i + 1] == 0x80, b[i + 2] == 0x80 { return 3 }
        return 0
    }

    /// Bytes of the space scalar ending just before `i`, or 0.
    @inline(__always)
    private static func spaceWidth(_ b: UnsafeBufferPointer<UInt8>, endingAt i: Int, start: Int) -> Int {
        let c = b[i - 1]
        if c == 0x20 || c == 0x09 { return 1 }
        if c == 0xA0, i - 2 >= start, b[i - 2] == 0xC2 { return 2 }
        if c == 0x80, i - 3 >= start, b[i - 3] == 0xE3, b[i - 2] == 0x80 { return 3 }
        return 0
    }

    private static let headerWordBytes = Array("单位".utf8)
    private static let unitWordBytes = unitCells.keys.map { Array($0.utf8) }

    mutating func read(_ text: String, lineNumber: Int) -> [Figure] {
        let cells = text.split(separator: "|").map(Self.trimmed).filter { !$0.isEmpty }
        guard cells.count >= 3 else { return [] }
        if cells.contains(where: { $0.contains("计量单位") || $0 == "单位" }) {
            readHeader(cells)
            return []
        }
        guard let unitIndex = cells.firstIndex(where: { Self.unitCells[$0] != nil }), unitIndex >= 1,
            let unit = Self.unitCells[cells[unitIndex]], let metric = Self.metric(forLabel: cells[0]),
            FigureMetrics.codes.contains(metric)
        else { return [] }
        var figures: [Figure] = []
        var numberIndex = 0
        for (offset, cell) in cells[(unitIndex + 1)...].enumerated() {
            let role = roles.map { offset < $0.count ? $0[offset] : .skip } ?? (numberIndex == 0 ? .period : numberIndex == 1 ? .cumulative : .skip)
            guard let value = Double(cell) else { continue }
            numberIndex += 1
            let code: String
            switch role {
            case .period: code = metric
            case .cumulative: code = FigureMetrics.cumulative(of: metric)
            case .skip: continue
            }
            guard FigureMetrics.codes.contains(code) else { continue }
            figures.append(
                Figure(metric: code, value: value * unit.factor, unit: unit.unit, qualifier: nil, quote: String(text.prefix(60)),
                       line: lineNumber))
        }
        return figures
    }

    /// `trimmingCharacters(in: .whitespaces)` without Foundation (about 10,000 instructions a cell there).
    static func trimmed(_ cell: Substring) -> String {
        let scalars = cell.unicodeScalars
        var lo = scalars.startIndex
        var hi = scalars.endIndex
        while lo < hi, isWhitespace(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo, isWhitespace(scalars[scalars.index(before: hi)]) { hi = scalars.index(before: hi) }
        return String(scalars[lo..<hi])
    }

    /// Exactly the scalars of Foundation's `CharacterSet.whitespaces` here: the tab, general category Zs and
    /// U+200B (checked over every scalar).
    static func isWhitespace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    private mutating func readHeader(_ cells: [String]) {
        guard let unitIndex = cells.firstIndex(where: { $0.contains("单位") }) else { return }
        let after = cells[(unitIndex + 1)...]
        let yearToDate = after.contains { $0.contains("本年累计") }
        roles = after.map { cell in
            if cell.contains("代码") { return .skip }
            if cell.contains("本年累计") { return .period }
            if cell.contains("历年") || cell.contains("累计") { return .cumulative }
            if cell.contains("本期") || cell.contains("本年") || cell.contains("年度") || cell.contains("年") {
                return yearToDate ? .skip : .period
            }
            return .skip
        }
    }

    static func metric(forLabel raw: String) -> String? {
        labels.first { raw.contains($0.label) }?.metric
    }
}
