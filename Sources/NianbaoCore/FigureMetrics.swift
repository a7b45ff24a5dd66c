/// The catalogue of figure metric codes (report-formats §2.5, §5.1–5.3), owned by the figures extractor.
/// Every metric the extractor emits is listed here so the `codes` table can explain it.
///
/// Conventions shared by every figure:
/// - Money is stored in yuan with unit `元` ("6万元" → 60000 元), so sums never mix scales.
/// - `<metric>.share`: a percentage ("占10%") stated right after a count, unit `%`, linked to that count's metric.
/// - `<metric>.part`: an item of a "total, 其中 parts" list (§5.4) that has no more specific metric.
/// - `<metric>.cumulative`: the 历年累计/本年累计 column of a pre-2019 statistics table (§5.1); the period column
///   uses the plain metric. `proactive.total` is the exception: its cumulative column is `proactive.cumulative`,
///   the same code narratives use for "累计主动公开…N条".
/// - A zero said in words ("未收到…申请") has value 0 and qualifier `stated_zero`; a written "0" ("共计0元") is an
///   exact figure with no qualifier.
public enum FigureMetrics {
    /// Metrics a narrative or statistics table states directly.
    public static let base: [CodeEntry] = [
        // Proactive disclosure
        m("proactive.total", "主动公开政府信息数", "items proactively disclosed"),
        m("proactive.cumulative", "累计主动公开政府信息数", "items proactively disclosed, cumulative"),
        m("proactive.media_total", "通过新闻媒体公开信息数", "items disclosed through news media"),
        m("proactive.column_items", "政务公开专栏公布信息数", "items posted in the disclosure column"),
        m("proactive.full_text_electronic", "全文电子化的主动公开信息数", "proactive items with electronic full text"),
        m("proactive.normative_docs", "主动公开规范性文件数", "normative documents proactively disclosed"),
        m("proactive.service_info", "提供服务类信息数", "service information items"),
        m("normative_docs_issued", "制发规范性文件总数", "normative documents issued"),
        m("proactive.by_channel.weibo", "政务微博公开信息数", "items disclosed via government Weibo"),
        m("proactive.by_channel.wechat", "政务微信公开信息数", "items disclosed via government WeChat"),
        m("proactive.by_channel.screen", "电子显示屏公开信息数", "items shown on electronic display screens"),
        m("proactive.by_channel.radio", "广播公开信息数", "items disclosed via radio"),
        m("proactive.by_channel.tv", "电视公开信息数", "items disclosed via television"),
        m("proactive.by_channel.hotline", "服务热线公开信息数", "items disclosed via service hotline"),
        m("proactive.by_channel.press", "报刊公开信息数", "items disclosed in newspapers"),
        m("proactive.by_channel.website", "政府网站公开信息数", "items disclosed on the government website"),
        m("proactive.by_channel.gazette", "政府公报公开信息数", "items disclosed in the government gazette"),
        m("proactive.by_channel.other", "其他方式公开信息数", "items disclosed by other means"),
        // Key areas
        m("key_areas.total", "重点领域信息公开数", "key-area items disclosed"),
        m("key_areas.admin_power", "行政权力信息", "key areas: administrative power"),
        m("key_areas.public_finance", "财政资金信息", "key areas: public finance"),
        m("key_areas.public_resources", "公共资源配置信息", "key areas: public resource allocation"),
        m("key_areas.major_projects", "重大建设项目信息", "key areas: major construction projects"),
        m("key_areas.public_services", "公共服务信息", "key areas: public services"),
        m("key_areas.soe", "国有企业信息", "key areas: state-owned enterprises"),
        m("key_areas.environment", "环境保护信息", "key areas: environmental protection"),
        m("key_areas.food_drug", "食品药品安全信息", "key areas: food and drug safety"),
        m("key_areas.poverty_alleviation", "脱贫攻坚信息", "key areas: poverty alleviation"),
        m("key_areas.public_welfare", "社会公益事业信息", "key areas: public welfare"),
        m("key_areas.education", "教育领域信息", "key areas: education"),
        m("key_areas.epidemic", "疫情防控信息", "key areas: epidemic control"),
        // Interpretation, responses, media
        m("interpretations", "政策解读", "policy interpretations published"),
        m("hot_topic_responses", "回应公众关注热点", "responses to public concerns"),
        m("media_articles", "新闻媒体发表稿件", "articles placed in news media"),
        m("weibo_posts", "政务微博发布信息数", "government Weibo posts"),
        m("weibo_followers", "政务微博粉丝数", "government Weibo followers"),
        m("wechat_posts", "政务微信发布信息数", "government WeChat posts"),
        m("wechat_issues", "政务微信发布期数", "government WeChat issues"),
        m("wechat_followers", "政务微信粉丝数", "government WeChat followers"),
        m("sms_posts", "政务短信发布信息数", "government SMS messages"),
        m("info_submitted", "向上级报送信息数", "items submitted to higher-level government"),
        m("npc_suggestions", "人大代表建议", "NPC deputies' suggestions handled"),
        m("cppcc_proposals", "政协提案", "CPPCC proposals handled"),
        m("cppcc_motions", "政协建议案", "CPPCC motions handled"),
        // Website
        m("website_visits", "网站访问量", "website visits"),
        m("website_unique_users", "网站独立用户数", "website unique users"),
        m("website.special_columns", "开设专栏数", "special columns opened on the website"),
        // Reading rooms
        m("reading_points", "政府信息公开查阅点数", "public reading points"),
        m("reading_rooms.items", "公共查阅场所提供信息数", "items provided in public reading rooms"),
        m("reading_rooms.visitors", "公共查阅场所查阅人次", "reading-room visitors"),
        m("consultations", "咨询人次", "consultations handled"),
        // Applications
        m("applications.received", "收到申请数", "applications received"),
        m("applications.answered", "答复申请数", "applications answered"),
        m("applications.channel.in_person", "当面申请数", "applications in person"),
        m("applications.channel.online", "网上申请数", "applications online"),
        m("applications.channel.letter", "信函申请数", "applications by letter"),
        m("applications.channel.fax", "传真申请数", "applications by fax"),
        m("applications.channel.email", "电子邮件申请数", "applications by e-mail"),
        m("answers.granted", "同意公开答复数", "answers granting disclosure"),
        m("answers.partial", "同意部分公开答复数", "answers granting partial disclosure"),
        m("answers.refused", "不予公开答复数", "answers refusing disclosure"),
        // Appeals
        m("review.total", "行政复议数", "reconsideration cases"),
        m("litigation.total", "行政诉讼数", "litigation cases"),
        m("complaints.total", "举报投诉/申诉数", "complaints and tip-offs"),
        // Money (yuan)
        m("fees.amount_yuan", "收取费用", "disclosure fees collected, yuan"),
        m("processing_fee_yuan", "信息处理费", "information-processing fee collected, yuan"),
        m("budget.amount_yuan", "工作经费", "work budget, yuan (not a fee)"),
        // Organisation
        m("staff.total", "工作人员数", "disclosure staff"),
        m("staff.full_time", "专职工作人员数", "full-time disclosure staff"),
        m("staff.part_time", "兼职工作人员数", "part-time disclosure staff"),
        m("meetings", "召开会议数", "meetings held"),
        m("trainings", "举办培训班数", "training sessions held"),
        m("trainees", "接受培训人员数", "people trained"),
        // Power list and online services
        m("power_list.licensing_items", "行政许可事项数", "licensing items in the power list"),
        m("service_items.published", "纳入服务平台公示的事项数", "service items published on the service platform"),
    ]

    /// Totals whose "其中" lists are emitted as `<metric>.part` when an item has no specific metric.
    public static let breakdownTotals: [String] = [
        "proactive.total", "proactive.cumulative", "proactive.media_total", "key_areas.total",
        "applications.received", "applications.answered", "service_items.published",
    ]

    /// Metrics that can appear as rows of a pre-2019 statistics table with a cumulative column.
    public static let cumulativeCapable: [String] = [
        "proactive.full_text_electronic", "proactive.normative_docs", "proactive.service_info", "normative_docs_issued",
        "website_visits", "consultations", "applications.received", "applications.answered", "answers.granted",
        "answers.partial", "answers.refused", "review.total", "litigation.total", "complaints.total", "fees.amount_yuan",
    ]

    /// Every code the extractor may emit: the base metrics, their `.share`, the `.part`/`.part.share` of breakdown
    /// totals and the `.cumulative` columns of statistics tables.
    public static let all: [CodeEntry] = {
        var entries = base
        for e in base {
            entries.append(.init("metric", e.code + ".share", e.label + "占比", e.gloss + ", share in %"))
        }
        for code in breakdownTotals {
            let label = base.first { $0.code == code }?.label ?? code
            entries.append(.init("metric", code + ".part", label + "（其中一项）", "item of a \(code) breakdown"))
            entries.append(.init("metric", code + ".part.share", label + "（其中一项）占比", "item of a \(code) breakdown, share in %"))
        }
        for code in cumulativeCapable {
            let label = base.first { $0.code == code }?.label ?? code
            entries.append(.init("metric", code + ".cumulative", label + "（累计）", "\(code), cumulative column"))
        }
        return entries
    }()

    /// Fast membership test for emitted codes.
    public static let codes: Set<String> = Set(all.map(\.code))

    /// The cumulative-column code of a statistics-table metric.
    public static func cumulative(of metric: String) -> String {
        metric == "proactive.total" ? "proactive.cumulative" : metric + ".cumulative"
    }

    private static func m(_ code: String, _ label: String, _ gloss: String) -> CodeEntry {
        .init("metric", code, label, gloss)
    }
}
