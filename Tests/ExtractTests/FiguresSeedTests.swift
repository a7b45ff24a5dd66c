import NianbaoCore
import Testing

@testable import Extract

/// Golden figures of the five seeds, written by reading the reports (report-formats §5.3–5.4, §8).
/// Each precision test lists every (metric, value) a careful reader takes from the prose: nothing more, nothing less.
@Suite("Figures from the seed reports")
struct FiguresSeedTests {
    typealias P = FiguresTestSupport.Pair

    // MARK: - Seed 000 (金台区 2017, traditional characters)

    static let expected000: [P] = [
        P("key_areas.total", 1381),  // "全年公開重點領域信息共計1381條"
        P("interpretations", 46),  // "累計發布政策解讀46篇" — 累计 here qualifies the interpretations, not proactive.cumulative
        P("npc_suggestions", 65), P("cppcc_proposals", 81),  // "公開回應人大代表建議65條,政協委員提案81條"
        P("weibo_posts", 5475), P("wechat_posts", 1128),  // "共發布政務微博5475條,政務微信1128條"
        P("proactive.cumulative", 24156),  // "主動公開政府信息累計24156條。其中,金臺快報360條,…"
        P("proactive.cumulative.part", 360), P("proactive.cumulative.part", 790), P("proactive.cumulative.part", 2076),
        P("proactive.cumulative.part", 253), P("proactive.cumulative.part", 1381), P("proactive.cumulative.part", 19296),
        P("proactive.media_total", 9535),  // "全年通過各種媒體公開信息9535條,其中,政務微博5475條,…"
        P("proactive.by_channel.weibo", 5475), P("proactive.by_channel.wechat", 1128), P("proactive.by_channel.screen", 1752),
        P("proactive.by_channel.radio", 18), P("proactive.by_channel.tv", 12), P("proactive.by_channel.hotline", 257),
        P("proactive.by_channel.press", 893),
        P("reading_rooms.items", 1311), P("reading_rooms.visitors", 200),  // "提供政府公開信息1311條,查閱人數200余人次"
        P("proactive.column_items", 1150),  // 政务公开专栏 "公布信息1150余條"
        P("applications.received", 1), P("applications.channel.in_person", 1),  // "受理依申請公開1起,其中當面受理1起"
        P("litigation.total", 0),  // "無因…提起行政訴訟的情況發生"
        P("applications.answered", 1),  // "現場受理、回復依申請公開1起"
        P("answers.refused", 0),  // "全年沒有不予公開的信息"
        // "未發生針對本部門有關政府信息公開事務的行政復議案、行政訴訟案和有關的申訴案"
        P("review.total", 0), P("litigation.total", 0), P("complaints.total", 0),
    ]

    @Test func seed000HasExactlyTheFiguresAReaderLists() throws {
        let r = try FiguresTestSupport.seed("000")
        #expect(FiguresTestSupport.pairs(r.figures) == Self.expected000.sorted())
    }

    @Test func seed000BreakdownsAddUp() throws {
        let r = try FiguresTestSupport.seed("000")
        let sums = FiguresTestSupport.sums(r)
        #expect(sums.count == 3)
        // 24156 = 360 + 790 + 2076 + 253 + 1381 + 19296 (report-formats §5.4)
        #expect(sums.contains { $0.0 == 24156 && $0.1 == [360, 790, 2076, 253, 1381, 19296] })
        // 9535 = 5475 + 1128 + 1752 + 18 + 12 + 257 + 893
        #expect(sums.contains { $0.0 == 9535 && $0.1 == [5475, 1128, 1752, 18, 12, 257, 893] })
        #expect(sums.contains { $0.0 == 1 && $0.1 == [1] })
        let channels = r.breakdowns.first { r.figures[$0.total].value == 9535 }?.parts.map { r.figures[$0].metric }
        #expect(channels?.first == "proactive.by_channel.weibo")
    }

    @Test func seed000QualifiersAndQuotes() throws {
        let r = try FiguresTestSupport.seed("000")
        let visitors = try #require(FiguresTestSupport.figure(r.figures, "reading_rooms.visitors", 200))
        #expect(visitors.qualifier == .moreThan)
        #expect(visitors.unit == "人次")
        let column = try #require(FiguresTestSupport.figure(r.figures, "proactive.column_items", 1150))
        #expect(column.qualifier == .moreThan)
        let refused = try #require(FiguresTestSupport.figure(r.figures, "answers.refused", 0))
        #expect(refused.qualifier == .statedZero)
        let total = try #require(FiguresTestSupport.figure(r.figures, "proactive.cumulative", 24156))
        #expect(total.unit == "条")
        #expect(total.quote.hasSuffix("累计24156条"))
        #expect(total.line == 10)  // line 1 is the breadcrumb, dropped as boilerplate but still counted
    }

    @Test func seed000ContactDatesAndDeadlinesGiveNoFigure() throws {
        let values = Set(try FiguresTestSupport.seed("000").figures.map(\.value))
        // "電話:0917-3520789", "www.014817.cn", "jtq12345@126.com", "2017年1月1日至2017年12月31日",
        // "2017年4月至6月,先後對14個政府部門網站", "受理率100%", "15個工作日", "2018年1月9日"
        for v: Double in [917, 3_520_789, 14817, 12345, 126, 2017, 2018, 31, 14, 100, 15, 9] {
            #expect(!values.contains(v), "stray \(v)")
        }
    }

    // MARK: - Seed 001 (遂宁经开区 2019 template)

    static let expected001: [P] = {
        var pairs: [P] = [
            P("proactive.cumulative", 915),  // "累計主動公開政府信息915條,完成全年目標任務114%"
            P("key_areas.total", 311),  // "重點領域信息公開311條,其中行政權力信息35條,…"
            P("key_areas.admin_power", 35), P("key_areas.public_finance", 74), P("key_areas.public_resources", 11),
            P("key_areas.major_projects", 43), P("key_areas.public_services", 76), P("key_areas.soe", 8),
            P("key_areas.environment", 21), P("key_areas.food_drug", 25), P("key_areas.poverty_alleviation", 18),
            P("applications.received", 12),  // "共收到群众依申请公开信息12条"
            P("applications.answered", 13),  // "共出具答复书13份"
            P("review.total", 0), P("litigation.total", 0),  // "未收到申请人的行政复议和行政诉讼"
            P("wechat_followers", 2613), P("wechat_issues", 253), P("wechat_posts", 936),  // "微信粉丝数量2613个,…共发布253期,合计936条信息"
            P("weibo_followers", 2318), P("weibo_posts", 724),  // "微博粉丝数2318,共计发布724条信息"
        ]
        // "包括政府文件94条,占10%;计划总结信息2条,占0.2%;…其他信息59条,占6%"
        let categories: [(Double, Double)] = [(94, 10), (2, 0.2), (4, 0.4), (401, 44), (23, 3), (74, 8), (22, 2), (59, 6)]
        for (count, share) in categories {
            pairs.append(P("proactive.cumulative.part", count))
            pairs.append(P("proactive.cumulative.part.share", share))
        }
        return pairs
    }()

    @Test func seed001HasExactlyTheFiguresAReaderLists() throws {
        let r = try FiguresTestSupport.seed("001")
        #expect(FiguresTestSupport.pairs(r.figures) == Self.expected001.sorted())
    }

    @Test func seed001PartialAndExactBreakdowns() throws {
        let r = try FiguresTestSupport.seed("001")
        let sums = FiguresTestSupport.sums(r)
        // 8 categories add up to 679 of 915: a partial breakdown, still recorded (Validate flags it).
        let partial = try #require(sums.first { $0.0 == 915 })
        #expect(partial.1 == [94, 2, 4, 401, 23, 74, 22, 59])
        #expect(partial.1.reduce(0, +) == 679)
        // 35 + 74 + 11 + 43 + 76 + 8 + 21 + 25 + 18 = 311
        let keyAreas = try #require(sums.first { $0.0 == 311 })
        #expect(keyAreas.1.reduce(0, +) == 311)
        #expect(keyAreas.1.count == 9)
    }

    @Test func seed001DocumentNumbersAndTemplateCellsGiveNoFigure() throws {
        let r = try FiguresTestSupport.seed("001")
        let values = Set(r.figures.map(\.value))
        // "遂开工委发〔2019〕43号", "〔2019〕34 号", "〔2019〕150号", "〔2019〕184号", "1112万元" (a table cell),
        // "完成全年目标任务114%" (no 占: not a share), "2020年1月20日"
        for v: Double in [34, 150, 184, 11_120_000, 1112, 114, 2019, 2020, 20] {
            #expect(!values.contains(v), "stray \(v)")
        }
        // 43 is a real figure here (重大项目建设信息43条), so check the document number by its quote.
        #expect(!r.figures.contains { $0.quote.contains("号") })
        #expect(!r.figures.contains { $0.metric.hasPrefix("proactive.total") })
    }

    // MARK: - Seed 002 (江夏区 2021 template, traditional with pinyin debris)

    static let expected002: [P] = [
        P("website_unique_users", 411_328),  // "全年獨立用戶數411328人"
        P("website_visits", 1_388_887),  // "總瀏覽量 1388887余次"
        P("proactive.total", 3531),  // "全年共公開發布各類信息3531余條,其中,政務公開目錄2788條、政務動態742條、政務概況1條"
        P("proactive.total.part", 2788), P("proactive.total.part", 742), P("proactive.total.part", 1),
        P("processing_fee_yuan", 0),  // "收取信息公開處理費共計0元."
        P("npc_suggestions", 128),  // "共辦理區人大議案、代表建議128件"
        P("cppcc_motions", 3), P("cppcc_proposals", 212),  // "共辦理政協建議案3件、提案212件"
        // "(四)重點領域(…)政府信息公開情況。2021年我區共發布重大建設項目信息12條、公共資源配置信息1條、…"
        P("key_areas.major_projects", 12), P("key_areas.public_resources", 1), P("key_areas.public_welfare", 23),
        P("key_areas.education", 16), P("key_areas.epidemic", 37), P("key_areas.food_drug", 9),
    ]

    @Test func seed002HasExactlyTheFiguresAReaderLists() throws {
        let r = try FiguresTestSupport.seed("002")
        #expect(FiguresTestSupport.pairs(r.figures) == Self.expected002.sorted())
    }

    @Test func seed002ApproximationsAndTheWrittenZeroFee() throws {
        let r = try FiguresTestSupport.seed("002")
        #expect(FiguresTestSupport.figure(r.figures, "website_visits", 1_388_887)?.qualifier == .moreThan)
        #expect(FiguresTestSupport.figure(r.figures, "website_visits", 1_388_887)?.unit == "次")
        #expect(FiguresTestSupport.figure(r.figures, "proactive.total", 3531)?.qualifier == .moreThan)
        #expect(FiguresTestSupport.figure(r.figures, "website_unique_users", 411_328)?.unit == "人")
        // A written "0元" is an exact figure: value 0, no qualifier (stated_zero is for zeros said in words).
        let fee = try #require(FiguresTestSupport.figure(r.figures, "processing_fee_yuan", 0))
        #expect(fee.qualifier == nil)
        #expect(fee.unit == "元")
        #expect(FiguresTestSupport.sums(r).contains { $0.0 == 3531 && $0.1 == [2788, 742, 1] })
        // "第492號", "第711號", "〔2021〕30號", "A09窗口", "20個工作日", table cells "558794", "668.57"
        let values = Set(r.figures.map(\.value))
        for v: Double in [492, 711, 30, 20, 558_794, 668.57, 6_685_700, 160, 100] {
            #expect(!values.contains(v), "stray \(v)")
        }
    }

    // MARK: - Seed 003 (铁山区 2015)

    static let expected003: [P] = [
        P("budget.amount_yuan", 60000),  // "工作經費6萬元" — a budget, not a fee
        P("proactive.total", 2100),  // "在區政府門戶網站上公開信息2100多條"
        P("website.special_columns", 3),  // "開設專欄3個"
        P("info_submitted", 123),  // "上報市政府公眾信息網信息123條"
        P("sms_posts", 180),  // "通過短信平台對外發布政務信息180條"
        P("complaints.total", 25),  // "受理各類舉報投訴25件"
    ]

    @Test func seed003HasExactlyTheFiguresAReaderLists() throws {
        let r = try FiguresTestSupport.seed("003")
        #expect(FiguresTestSupport.pairs(r.figures) == Self.expected003.sorted())
        #expect(FiguresTestSupport.figure(r.figures, "proactive.total", 2100)?.qualifier == .moreThan)
        let budget = try #require(FiguresTestSupport.figure(r.figures, "budget.amount_yuan", 60000))
        #expect(budget.unit == "元")
        #expect(budget.qualifier == nil)
        #expect(!r.figures.contains { $0.metric.hasPrefix("fees.") })
        // "发布时间:2016-01-28", signature "2016125", "5家网点" (no catalogued metric)
        let values = Set(r.figures.map(\.value))
        for v: Double in [2016, 1, 28, 2_016_125, 5, 2015] { #expect(!values.contains(v), "stray \(v)") }
    }

    // MARK: - Seed 004 (文登区政务服务中心 2016)

    static let expected004: [P] = [
        P("proactive.total", 1230),  // "發布各類法律法規、辦事指南等服務信息1230條"
        P("interpretations", 11),  // "發布政策解讀稿件11篇"
        P("hot_topic_responses", 2),  // "回應公眾關注熱點2次"
        P("power_list.licensing_items", 276),  // "共有行政許可事項276項"
        // "行政許可及子事項332項、其他權力65項、行政確認11項、服務事項4項,以及16處鎮辦、每鎮23項、共計368項服務事項,
        //  共計780項事項的基礎信息納入政務服務平台"
        P("service_items.published", 780), P("service_items.published.part", 332), P("service_items.published.part", 65),
        P("service_items.published.part", 11), P("service_items.published.part", 4), P("service_items.published.part", 368),
        P("media_articles", 67),  // "在各類新聞媒體發表稿件67篇"
        P("website_visits", 226_000),  // "點擊登錄超過22.6萬次"
        P("applications.received", 0),  // "未收到政府信息公開申請"
        P("fees.amount_yuan", 0),  // "對印刷、郵寄等費用都予以減免"
        P("review.total", 0), P("litigation.total", 0),  // "未出現申請行政復議、提起行政訴訟的情況"
    ]

    @Test func seed004HasExactlyTheFiguresAReaderLists() throws {
        let r = try FiguresTestSupport.seed("004")
        #expect(FiguresTestSupport.pairs(r.figures) == Self.expected004.sorted())
    }

    @Test func seed004MultiplicationTotalIsOnePartOf780() throws {
        let r = try FiguresTestSupport.seed("004")
        let sums = FiguresTestSupport.sums(r)
        #expect(sums.count == 1)
        // 332 + 65 + 11 + 4 + 368 = 780, where 368 = 16 × 23 and neither factor is a part
        #expect(sums.first?.0 == 780)
        #expect(sums.first?.1 == [332, 65, 11, 4, 368])
        let values = Set(r.figures.map(\.value))
        #expect(!values.contains(16))
        #expect(!values.contains(23))
    }

    @Test func seed004QualifiersZerosAndExclusions() throws {
        let r = try FiguresTestSupport.seed("004")
        let visits = try #require(FiguresTestSupport.figure(r.figures, "website_visits", 226_000))
        #expect(visits.qualifier == .moreThan)  // "超过" outranks the rounding of 22.6万
        #expect(visits.unit == "次")
        for metric in ["applications.received", "fees.amount_yuan", "review.total", "litigation.total"] {
            #expect(FiguresTestSupport.figure(r.figures, metric, 0)?.qualifier == .statedZero, "\(metric)")
        }
        // "0631—8989916", "邮编:264400", "世纪大道80号", "2017-01-21 10:24:00", "群众满意度达到99.96%",
        // "(2016版)", "一七年一月八日", "十一部分"
        let values = Set(r.figures.map(\.value))
        for v: Double in [631, 8_989_916, 264_400, 80, 2017, 21, 10, 24, 99.96, 2016, 17, 11_000] {
            #expect(!values.contains(v), "stray \(v)")
        }
    }

    // MARK: - All seeds

    @Test(arguments: ["000", "001", "002", "003", "004"])
    func everyEmittedMetricIsCatalogued(seed: String) throws {
        let r = try FiguresTestSupport.seed(seed)
        for f in r.figures { #expect(FigureMetrics.codes.contains(f.metric), "\(f.metric)") }
        for b in r.breakdowns {
            #expect(r.figures.indices.contains(b.total))
            #expect(b.parts.allSatisfy { r.figures.indices.contains($0) && r.figures[$0].unit == r.figures[b.total].unit })
        }
    }
}
