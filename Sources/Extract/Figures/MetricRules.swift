import NianbaoCore

/// The keyword table behind metric assignment (report-formats §2.5, §5.3). Order matters only for ties; the
/// closest near keyword wins otherwise. Specific rules sit before general ones.
enum MetricRules {
    static let counts = ["条", "件", "项", "篇", "个", "次", "起", "宗", "份"]
    static let applicationUnits = ["件", "起", "宗", "条", "个", "份", "次"]
    static let caseUnits = ["件", "起", "宗", "个", "次"]
    static let itemUnits = ["条", "项", "件", "篇"]

    static let primary: [MetricRule] = [
        // Money: the information-processing fee, the work budget (not a fee!) and disclosure fees.
        MetricRule("processing_fee_yuan", near: ["处理费"], units: ["元"]),
        MetricRule("budget.amount_yuan", near: ["经费", "预算"], units: ["元"]),
        MetricRule("fees.amount_yuan", near: ["收费", "费用", "收取"], units: ["元"]),

        // Interpretation, responses, proposals
        MetricRule("interpretations", near: ["政策解读", "解读稿件", "解读文章", "解读材料", "解读"],
                   units: ["篇", "条", "期", "次", "件", "个"]),
        MetricRule("hot_topic_responses", near: ["关注热点", "回应热点", "社会热点", "舆情", "社会关切"],
                   units: ["次", "条", "件", "个"]),
        MetricRule("npc_suggestions", near: ["人大代表建议", "代表建议", "人大议案", "人大建议"], units: ["件", "条"]),
        MetricRule("cppcc_motions", near: ["政协建议案"], units: ["件", "条"]),
        MetricRule("cppcc_proposals", near: ["提案"], context: [["政协"]], units: ["件", "条"]),

        // Website
        MetricRule("website_unique_users", near: ["独立用户", "用户数"], units: ["人", "个", "人次"]),
        MetricRule("website_visits", near: ["浏览量", "访问量", "点击量", "点击", "访问", "浏览"], units: ["次", "人次"]),
        MetricRule("website.special_columns", near: ["专栏", "专题栏目"], units: ["个"]),

        // New media: the channel named last in the sentence decides ("微博粉丝数2318,共计发布724条").
        MetricRule("wechat_followers", near: ["粉丝数量", "粉丝数", "粉丝"], context: [["微信"]], units: ["个", "人", "名"], allowsBareNumber: true),
        MetricRule("weibo_followers", near: ["粉丝数量", "粉丝数", "粉丝"], context: [["微博"]], units: ["个", "人", "名"], allowsBareNumber: true),
        MetricRule("wechat_issues", near: ["发布", "推送", "编发"], context: [["微信"]], units: ["期"]),
        MetricRule("wechat_posts", near: ["政务微信", "微信公众号", "微信", "发布", "推送", "合计", "共计"],
                   context: [["微信"]], units: ["条", "篇"]),
        MetricRule("weibo_posts", near: ["政务微博", "微博", "发布", "合计", "共计"], context: [["微博"]], units: ["条", "篇"]),
        MetricRule("sms_posts", near: ["短信"], units: ["条"]),
        MetricRule("media_articles", near: ["稿件", "发表", "刊发", "报道"], context: [["媒体", "报刊", "报纸", "电视"]],
                   units: ["篇", "条", "次"], exclude: ["解读"]),
        MetricRule("info_submitted", near: ["上报", "报送"], units: ["条", "篇"]),

        // Reading rooms and consultation
        MetricRule("reading_rooms.visitors", near: ["查阅人数", "查阅人次", "查阅"], units: ["人次", "人"]),
        MetricRule("reading_points", near: ["查阅点", "查阅场所", "查阅中心", "查阅室"], units: ["个", "处"]),
        MetricRule("reading_rooms.items", near: ["提供政府公开信息", "提供政府信息", "提供信息"],
                   context: [["查阅", "档案馆", "图书馆"]], units: ["条", "件"]),
        MetricRule("proactive.column_items", near: ["公布信息", "更新信息", "公布政务信息"], context: [["专栏"]], units: ["条"]),
        MetricRule("consultations", near: ["咨询"], units: ["人次", "次", "件", "个"]),

        // Organisation
        MetricRule("staff.full_time", near: ["专职工作人员", "专职人员", "专职"], units: ["人", "名"]),
        MetricRule("staff.part_time", near: ["兼职工作人员", "兼职人员", "兼职"], units: ["人", "名"]),
        MetricRule("staff.total", near: ["工作人员", "工作队伍"], units: ["人", "名"]),
        MetricRule("trainees", near: ["培训"], units: ["人次", "人", "名"]),
        MetricRule("trainings", near: ["培训班", "培训"], units: ["次", "期", "场"]),
        MetricRule("meetings", near: ["会议"], units: ["次", "场"]),

        // Appeals
        MetricRule("complaints.total", near: ["投诉", "举报", "申诉"], units: caseUnits + ["条"]),
        MetricRule("review.total", near: ["行政复议"], units: caseUnits),
        MetricRule("litigation.total", near: ["行政诉讼"], units: caseUnits),

        // Applications
        MetricRule("applications.channel.in_person", near: ["当面申请", "现场申请", "当面受理", "当面提出"], units: applicationUnits),
        MetricRule("applications.channel.online", near: ["网上申请", "网络申请", "在线申请"], units: applicationUnits),
        MetricRule("applications.channel.letter", near: ["信函申请"], units: applicationUnits),
        MetricRule("applications.channel.fax", near: ["传真申请"], units: applicationUnits),
        MetricRule("applications.channel.email", near: ["电子邮件申请", "邮件申请"], units: applicationUnits),
        MetricRule("answers.granted", near: ["同意公开"], units: applicationUnits),
        MetricRule("answers.partial", near: ["部分公开"], units: applicationUnits),
        MetricRule("answers.refused", near: ["不予公开", "不同意公开"], units: applicationUnits),
        MetricRule("applications.answered", near: ["答复", "回复", "办结"], context: [["申请"]], units: applicationUnits),
        MetricRule("applications.received", near: ["依申请", "公开申请", "申请", "受理", "收到"], units: applicationUnits,
                   exclude: ["投诉", "举报", "回复", "答复", "办结"]),

        // Power list and online services
        MetricRule("power_list.licensing_items", near: ["行政许可事项"], units: ["项"]),
        MetricRule("service_items.published", near: ["共计", "合计", "总计"], after: ["纳入", "公示", "公开"], units: ["项"]),

        // Key areas: a totalling phrase, or a named area on a line about key areas.
        MetricRule("key_areas.total", near: ["重点领域"], units: itemUnits),
    ] + keyAreaRules(lineScope: true) + [
        // Proactive disclosure last: its keywords are the most general.
        MetricRule("proactive.cumulative", near: ["累计"], context: [["公开", "发布"]], units: itemUnits),
        MetricRule("proactive.media_total", near: ["媒体"], context: [["公开", "发布"]], units: ["条"]),
        MetricRule("proactive.total",
                   near: ["公开信息", "公开政府信息", "公开发布", "发布各类", "主动公开", "公开各类", "发布政府信息"],
                   units: itemUnits, exclude: ["累计", "媒体", "申请"]),
    ]

    /// Indices into `primary` of the rules that can take each unit (by `MetricRule.unitBit` position, bare
    /// numbers last), in rule order: a number is scored only against those, not all sixty.
    static let primaryByUnit: [[Int]] = (0...MetricRule.unitOrder.count).map { slot in
        let bit: UInt32 = slot < MetricRule.unitOrder.count ? 1 << UInt32(slot) : 0
        return primary.indices.filter { i in bit == 0 ? primary[i].allowsBareNumber : primary[i].units & bit != 0 }
    }

    /// Whether each primary rule's metric is one of `FigureMetrics.breakdownTotals`.
    static let primaryIsBreakdownTotal: [Bool] = primary.map { FigureMetrics.breakdownTotals.contains($0.metric) }

    /// The index in `primary` of `bestMetric(primary, unitBit:in:)`.
    static func bestPrimary(unitBit: UInt32, in c: NumberContext) -> Int? {
        let slot = unitBit == 0 ? MetricRule.unitOrder.count : unitBit.trailingZeroBitCount
        let table = primaryByUnit
        guard slot < table.count else { return nil }
        return primary.withUnsafeBufferPointer { rules in
            var best: (index: Int, score: (Int, Int))?
            for i in table[slot] {
                guard let score = rules[i].score(unitBit: unitBit, in: c) else { continue }
                if let current = best, score <= current.score { continue }
                best = (i, score)
            }
            return best?.index
        }
    }

    /// Named key areas (§5.3 `key_areas.*`). As primary rules they need "重点领域" earlier on the line.
    static func keyAreaRules(lineScope: Bool) -> [MetricRule] {
        let areas: [(String, [String])] = [
            ("key_areas.admin_power", ["行政权力"]),
            ("key_areas.public_finance", ["财政资金", "财政预决算"]),
            ("key_areas.public_resources", ["公共资源配置", "公共资源"]),
            ("key_areas.major_projects", ["重大建设项目", "重大项目"]),
            ("key_areas.public_services", ["公共服务"]),
            ("key_areas.soe", ["国有企业", "国企"]),
            ("key_areas.environment", ["环境保护", "生态环境"]),
            ("key_areas.food_drug", ["食品药品"]),
            ("key_areas.poverty_alleviation", ["脱贫攻坚", "精准扶贫", "扶贫"]),
            ("key_areas.public_welfare", ["公益事业"]),
            ("key_areas.education", ["教育"]),
            ("key_areas.epidemic", ["疫情防控"]),
        ]
        return areas.map { area in
            MetricRule(area.0, near: area.1, context: lineScope ? [["重点领域"]] : [], units: itemUnits, lineScope: lineScope)
        }
    }

    /// Metrics for the items of a "其中" list, by the family of its total; items matching none become `<total>.part`.
    static func partRules(forTotal total: String) -> [MetricRule] {
        switch total {
        case "proactive.total", "proactive.cumulative", "proactive.media_total":
            return channelParts
        case "key_areas.total":
            return keyAreaParts
        case "applications.received":
            return applicationChannelParts
        default:
            return []
        }
    }

    static let keyAreaParts = keyAreaRules(lineScope: false)

    static let channelParts: [MetricRule] = [
        ("proactive.by_channel.weibo", ["政务微博", "微博"]),
        ("proactive.by_channel.wechat", ["政务微信", "微信"]),
        ("proactive.by_channel.screen", ["电子显示屏", "显示屏", "电子屏"]),
        ("proactive.by_channel.radio", ["广播"]),
        ("proactive.by_channel.tv", ["电视"]),
        ("proactive.by_channel.hotline", ["服务热线", "热线"]),
        ("proactive.by_channel.press", ["报刊", "报纸"]),
        ("proactive.by_channel.gazette", ["政府公报", "公报"]),
        ("proactive.by_channel.website", ["政府网站", "门户网站"]),
    ].map { MetricRule($0.0, near: $0.1, units: ["条", "件", "篇", "项"]) }

    static let applicationChannelParts: [MetricRule] = [
        ("applications.channel.in_person", ["当面", "现场"]),
        ("applications.channel.online", ["网上", "网络", "在线"]),
        ("applications.channel.letter", ["信函"]),
        ("applications.channel.fax", ["传真"]),
        ("applications.channel.email", ["电子邮件", "邮件"]),
    ].map { MetricRule($0.0, near: $0.1, units: applicationUnits) }
}
