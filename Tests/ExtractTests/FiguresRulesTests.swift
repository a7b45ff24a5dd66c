import NianbaoCore
import Testing

@testable import Extract

/// Each reading rule shown firing on a sentence that needs it and staying silent on one that must not trigger it.
@Suite("Figure reading rules")
struct FiguresRulesTests {
    typealias P = FiguresTestSupport.Pair

    static func pairs(_ lines: String...) -> [P] {
        let text = lines.enumerated().map { TextLine(number: $0.offset + 1, text: $0.element) }
        return FiguresTestSupport.pairs(FigureExtractor.extract(TextCleaner().clean(text), metadata: ReportMetadata()).figures)
    }

    static func only(_ line: String) -> Figure? {
        let figures = FiguresTestSupport.prose(line).figures
        return figures.count == 1 ? figures.first : nil
    }

    // MARK: Numbers

    @Test func chineseNumeralsWithPlaceValues() {
        #expect(Self.only("全年受理政府信息公开申请十余件")?.value == 10)
        #expect(Self.only("全年受理政府信息公开申请十余件")?.qualifier == .moreThan)
        #expect(Self.only("全年主动公开政府信息两千余条")?.value == 2000)
        #expect(Self.only("全年主动公开政府信息一千二百条")?.value == 1200)
        #expect(Self.only("全年主动公开政府信息近千条")?.qualifier == .nearly)
        // Everyday numerals are no counts: "一是", "四个方面", "一次性告知", "第二十条第(一)项".
        #expect(Self.pairs("一是主动公开政府信息的积极性不高,在以下四个方面进一步努力,一次性告知") == [])
        #expect(Self.pairs("依据第二十条第(一)项主动公开政府信息") == [])
    }

    @Test func multipliersAndApproximations() {
        let rounded = Self.only("网站点击量22.6万次")
        #expect(rounded?.value == 226_000)
        #expect(rounded?.qualifier == .about)
        #expect(Self.only("网站点击登录超过22.6万次")?.qualifier == .moreThan)
        let budget = Self.only("共安排工作经费6万元")
        #expect(budget?.value == 60000)
        #expect(budget?.unit == "元")
        #expect(budget?.qualifier == nil)
        #expect(Self.only("主动公开政府信息约300条")?.qualifier == .about)
        #expect(Self.only("主动公开政府信息300条左右")?.qualifier == .about)
        #expect(Self.only("主动公开政府信息300条以上")?.qualifier == .moreThan)
        #expect(Self.only("主动公开政府信息1,234条")?.value == 1234)
        #expect(Self.only("主动公开政府信息1234条")?.qualifier == nil)
    }

    @Test func datesDocumentNumbersContactsAndOrdinalsAreNoFigures() {
        #expect(Self.pairs("根据《条例》(国务院令第711号)和国办公开办函〔2019〕60号,〔2019〕34 号") == [])
        #expect(Self.pairs("统计时限自2017年1月1日至2017年12月31日,2017年4月至6月,2019年度预算") == [])
        #expect(Self.pairs("电话:0917-3520789,传真:0631—8989916,邮编:264400,地址:世纪大道80号") == [])
        #expect(Self.pairs("网址http:/www.wendeng.gov.cn,邮箱jtq12345@126.com,发布日期:2017-01-21 10:24:00") == [])
        #expect(Self.pairs("1.进一步强化业务培训", "2、改进的措施:(1)充实公开内容") == [])
        #expect(Self.pairs("依申请公开均在15个工作日内完成答复") == [])
        // The same words with a count do give a figure.
        #expect(Self.pairs("依申请公开均在15个工作日内完成答复,共答复申请15件") == [P("applications.answered", 15)])
    }

    // MARK: Metrics

    @Test func keywordsBeforeTheNumberNameTheMetric() {
        #expect(Self.pairs("发布政策解读稿件11篇") == [P("interpretations", 11)])
        #expect(Self.pairs("受理依申请公开3起") == [P("applications.received", 3)])
        #expect(Self.pairs("发布政务微博120条") == [P("weibo_posts", 120)])
        #expect(Self.pairs("全年独立用户数411328人") == [P("website_unique_users", 411_328)])
        #expect(Self.pairs("回应公众关注热点2次") == [P("hot_topic_responses", 2)])
        #expect(Self.pairs("收取信息处理费共计100元") == [P("processing_fee_yuan", 100)])
        #expect(Self.pairs("依申请公开收取费用50元") == [P("fees.amount_yuan", 50)])
        #expect(Self.pairs("配备专职工作人员2名,兼职工作人员5名") == [P("staff.full_time", 2), P("staff.part_time", 5)])
    }

    @Test func numbersWithoutACataloguedContextAreDropped() {
        // "先后对14个政府部门网站进行关停并转": no catalogued metric, so no figure.
        #expect(Self.pairs("先后对14个政府部门网站进行关停并转") == [])
        #expect(Self.pairs("保留了环保信息网等5家网点,群众满意度达到99.96%") == [])
        #expect(Self.pairs("受理率100%,办结率100%") == [])
    }

    @Test func closestKeywordWins() {
        // Received and answered in one clause: the word nearest the number decides.
        #expect(Self.pairs("现场受理、回复依申请公开1起") == [P("applications.answered", 1)])
        #expect(Self.pairs("微博粉丝数2318,共计发布724条信息") == [P("weibo_followers", 2318), P("weibo_posts", 724)])
        // "经费" is a budget, never a fee.
        #expect(Self.pairs("工作经费6万元") == [P("budget.amount_yuan", 60000)])
    }

    // MARK: Zeros said in words

    @Test func statedZerosFire() {
        let zero = Self.only("2016年,本中心未收到政府信息公开申请。")
        #expect(zero?.metric == "applications.received")
        #expect(zero?.value == 0)
        #expect(zero?.qualifier == .statedZero)
        #expect(Self.pairs("未出现申请行政复议、提起行政诉讼的情况") == [P("litigation.total", 0), P("review.total", 0)])
        #expect(Self.pairs("对印刷、邮寄等费用都予以减免") == [P("fees.amount_yuan", 0)])
        #expect(Self.pairs("全年没有不予公开的信息") == [P("answers.refused", 0)])
    }

    @Test func statedZerosStaySilentElsewhere() {
        // About appeals, not applications; about costs, not cases; no negation at all.
        #expect(Self.pairs("答复后,未收到申请人的行政复议") == [P("review.total", 0)])
        #expect(Self.pairs("亦未发生与诉讼(行政复议、行政申诉)有关的费用") == [])
        #expect(Self.pairs("无其他需要报告的事项", "全年网站运行良好,无安全事故发生") == [])
        #expect(Self.pairs("收到政府信息公开申请2件") == [P("applications.received", 2)])
    }

    // MARK: Breakdowns and shares

    @Test func listAfterQiZhongIsABreakdown() {
        let r = FiguresTestSupport.prose("全年通过各种媒体公开信息30条,其中,政务微博10条,电视20条。")
        #expect(FiguresTestSupport.sums(r).map(\.1) == [[10, 20]])
        #expect(r.figures.map(\.metric) == ["proactive.media_total", "proactive.by_channel.weibo", "proactive.by_channel.tv"])
        // Without a list marker the counts stay separate figures.
        let plain = FiguresTestSupport.prose("全年通过各种媒体公开信息30条,发布政务微博10条。")
        #expect(plain.breakdowns.isEmpty)
        #expect(FiguresTestSupport.pairs(plain.figures) == [P("proactive.media_total", 30), P("weibo_posts", 10)])
        // Parts in another unit are not parts.
        let mixed = FiguresTestSupport.prose("主动公开政府信息30条,其中召开会议2次。")
        #expect(mixed.breakdowns.isEmpty)
    }

    @Test func productTotalIsOnePartAndItsFactorsAreNone() {
        let r = FiguresTestSupport.prose("将许可事项10项、以及4处镇办、每镇5项、共计20项服务事项,共计30项事项的基础信息纳入平台公示。")
        #expect(FiguresTestSupport.sums(r).map(\.1) == [[10, 20]])
        #expect(!r.figures.contains { $0.value == 4 || $0.value == 5 })
        // A wrong product (4 × 5 ≠ 21) is no product: the factors do not vanish and nothing adds up.
        let wrong = FiguresTestSupport.prose("将许可事项10项、以及4处镇办、每镇5项、共计21项服务事项,共计31项事项的基础信息纳入平台公示。")
        #expect(wrong.breakdowns.isEmpty)
    }

    @Test func sumBeforeTotalNeedsAnExactSum() {
        let ok = FiguresTestSupport.prose("行政许可事项10项、服务事项5项,共计15项事项纳入平台公示。")
        #expect(FiguresTestSupport.sums(ok).map(\.0) == [15])
        let off = FiguresTestSupport.prose("服务事项10项、其他事项5项,共计16项事项纳入平台公示。")
        #expect(off.breakdowns.isEmpty)
    }

    @Test func sharesFollowTheirCount() {
        let r = FiguresTestSupport.prose("累计主动公开政府信息100条。包括政府文件40条,占40%;其他信息10条,占总数的10%。")
        #expect(FiguresTestSupport.pairs(r.figures) == [
            P("proactive.cumulative", 100), P("proactive.cumulative.part", 10), P("proactive.cumulative.part", 40),
            P("proactive.cumulative.part.share", 10), P("proactive.cumulative.part.share", 40),
        ])
        let share = r.figures.first { $0.metric.hasSuffix(".share") }
        #expect(share?.unit == "%")
        // A rate with no 占 is not a share: "完成全年目标任务114%".
        #expect(Self.pairs("累计主动公开政府信息915条,完成全年目标任务114%") == [P("proactive.cumulative", 915)])
    }

    // MARK: Statistics tables (pre-2019)

    @Test func statisticsRowsGivePeriodAndCumulativeFigures() {
        #expect(Self.pairs("主动公开信息数 | 条 | 1234 | 5678") == [P("proactive.cumulative", 5678), P("proactive.total", 1234)])
        #expect(Self.pairs(
            "指标名称 | 计量单位 | 代码 | 本期实际 | 本年累计",
            "行政复议数 | 件 | 21 | 1 | 3",
            "依申请公开信息收取的费用 | 万元 | 22 | 0.5 | 1.5"
        ) == [P("fees.amount_yuan", 15000), P("review.total", 3)])
        #expect(Self.pairs(
            "指标名称 | 计量单位 | 2009年度 | 历年累计",
            "行政诉讼数 | 件 | 2 | 7"
        ) == [P("litigation.total", 2), P("litigation.total.cumulative", 7)])
    }

    @Test func templateTableRowsAreNotStatisticsRows() {
        // 2019/2021 template rows have no unit cell: they belong to the table extractor.
        #expect(Self.pairs("| 行政许可 | 558794 |", "政府集中采购 | 8 | 1112万元 |", "(一)予以公开 | 19 | 1 | 0 | 0 | 0 | 0 | 20 |") == [])
        #expect(Self.pairs("未知指标 | 条 | 12 | 34") == [])
    }

    // MARK: Catalogue

    @Test func catalogueCodesAreUniqueAndDescribed() {
        let codes = FigureMetrics.all.map(\.code)
        #expect(Set(codes).count == codes.count)
        #expect(FigureMetrics.all.allSatisfy { $0.kind == "metric" && !$0.label.isEmpty && !$0.gloss.isEmpty })
        for code in ["proactive.total", "proactive.cumulative", "key_areas.total", "interpretations", "hot_topic_responses",
                     "applications.received", "applications.answered", "review.total", "litigation.total",
                     "complaints.total", "fees.amount_yuan", "processing_fee_yuan", "budget.amount_yuan", "website_visits",
                     "website_unique_users", "reading_points", "media_articles", "weibo_posts", "wechat_posts",
                     "npc_suggestions", "cppcc_proposals", "staff.full_time", "proactive.by_channel.weibo"] {
            #expect(FigureMetrics.codes.contains(code), "\(code)")
        }
        let ruleMetrics = (MetricRules.primary + MetricRules.channelParts + MetricRules.keyAreaParts
            + MetricRules.applicationChannelParts).map(\.metric) + ZeroStatement.all.map(\.metric)
            + StatisticsTableReader.labels.map(\.metric)
        for metric in ruleMetrics { #expect(FigureMetrics.codes.contains(metric), "\(metric)") }
    }
}
