import NianbaoCore

/// Reads the figures of one prose line: numbers with their metrics, "其中" and "…共计N" breakdowns, products
/// ("16处镇办、每镇23项、共计368项"), shares ("占10%") and zeros said in words.
///
/// Breakdown items take a metric from their total's family (`proactive.by_channel.weibo`, `key_areas.environment`,
/// `applications.channel.in_person`) or else `<total>.part`; shares become `<count metric>.share` in %.
struct LineFigureReader {
    /// A figure with where it starts in the line, so a line's figures come out in reading order.
    struct Placed {
        var position: Int
        var figure: Figure
        /// The number it came from, for linking breakdowns.
        var token: Int?
    }

    struct Breakdown {
        var total: Int
        var parts: [Int]
    }

    let line: [Unicode.Scalar]
    let lineNumber: Int

    static let listMarkers = ["其中", "包括", "分别为", "分别是"].map(ScalarText.word)
    static let totalWords = ["共计", "合计", "总计", "共有", "总共"].map(ScalarText.word)
    static let shareWord = ScalarText.word("占")

    /// `tokens` are `NumberScanner.scan(line)`; `negations` are the indices of the line's `isNegationScalar`s
    /// (`FigureBytes.Marks`), ascending.
    func read(_ tokens: [NumberToken], negations: [Int]) -> (figures: [Placed], breakdowns: [Breakdown]) {
        let contexts = Self.contexts(of: tokens, in: line)
        // Whether a number's metric can have a breakdown, known from its rule: no String comparisons per number.
        var isTotal = TokenFlags()
        var metrics: [String?] = tokens.indices.map { i in
            let t = tokens[i]
            guard !t.isPercent, !t.perEach, let rule = MetricRules.bestPrimary(unitBit: t.unitBit, in: contexts[i]) else {
                return nil
            }
            if MetricRules.primaryIsBreakdownTotal[rule] { isTotal.set(i, count: tokens.count) }
            return MetricRules.primary[rule].metric
        }

        let (isFactor, isProduct) = products(tokens, contexts)
        var partOf = TokenLinks()
        var lists: [Breakdown] = []
        listBreakdowns(tokens, isTotal, isFactor, &partOf, &lists)
        sumBreakdowns(tokens, contexts, isTotal, isFactor, isProduct, &partOf, &lists)

        for list in lists {
            guard let totalMetric = metrics[list.total] else { continue }
            let rules = MetricRules.partRules(forTotal: totalMetric)
            for p in list.parts {
                metrics[p] = bestMetric(rules, unitBit: tokens[p].unitBit, in: contexts[p]) ?? totalMetric + ".part"
            }
        }

        var placed: [Placed] = []
        for i in tokens.indices where !isFactor[i] && !tokens[i].isPercent {
            guard let metric = metrics[i], FigureMetrics.codes.contains(metric) else { continue }
            let t = tokens[i]
            let figure = Figure(
                metric: metric, value: t.value, unit: t.unit, qualifier: t.qualifier,
                quote: quote(contexts[i].nearStart, t.end), line: lineNumber)
            placed.append(Placed(position: t.start, figure: figure, token: i))
        }
        placed += shares(tokens, contexts, metrics, isFactor)
        if !negations.isEmpty { placed += zeros(tokens, negations: negations) }
        placed.sort { $0.position < $1.position }
        return (placed, lists)
    }

    // MARK: - Contexts

    static func contexts(of tokens: [NumberToken], in line: [Unicode.Scalar]) -> [NumberContext] {
        var result: [NumberContext] = []
        result.reserveCapacity(tokens.count)
        var previousEnd = 0
        for t in tokens {
            let clauseStart = ScalarText.start(before: t.start, in: line, isDelimiter: ScalarText.isClauseDelimiter)
            let sentenceStart = ScalarText.start(before: t.start, in: line, isDelimiter: ScalarText.isSentenceDelimiter)
            let afterEnd = ScalarText.end(after: t.end, in: line, isDelimiter: ScalarText.isClauseDelimiter)
            let nearStart = max(clauseStart, previousEnd)
            let nearBloom = nearStart < t.start ? ScalarBloom(line[nearStart..<t.start]) : ScalarBloom()
            result.append(
                NumberContext(
                    line: line, nearStart: nearStart, nearEnd: t.start, nearBloom: nearBloom, sentenceStart: sentenceStart,
                    afterStart: t.end, afterEnd: afterEnd))
            previousEnd = t.end
        }
        return result
    }

    // MARK: - Structures

    /// "16处镇办、每镇23项、共计368项": the factors are consumed, 368 is marked as a product (not a sum of what
    /// precedes it), and stays free to be an item of the larger list.
    func products(_ tokens: [NumberToken], _ contexts: [NumberContext]) -> (isFactor: TokenFlags, isProduct: TokenFlags) {
        var isFactor = TokenFlags()
        var isProduct = TokenFlags()
        for i in tokens.indices where tokens[i].perEach && i > 0 && !tokens[i - 1].isPercent {
            let product = tokens[i - 1].value * tokens[i].value
            for k in (i + 1)..<min(i + 3, tokens.count) where !tokens[k].isPercent && tokens[k].unitBit == tokens[i].unitBit {
                if abs(tokens[k].value - product) < 0.5 {
                    isFactor.set(i - 1, count: tokens.count)
                    isFactor.set(i, count: tokens.count)
                    isProduct.set(k, count: tokens.count)
                }
                break
            }
        }
        return (isFactor, isProduct)
    }

    /// A total followed, before any other count and within its own or the next sentence, by 其中/包括/分别为 and
    /// a list of counts with its unit (up to the next full stop).
    func listBreakdowns(
        _ tokens: [NumberToken], _ isTotal: TokenFlags, _ isFactor: TokenFlags, _ partOf: inout TokenLinks, _ lists: inout [Breakdown]
    ) {
        for i in tokens.indices {
            let t = tokens[i]
            guard isTotal[i], !t.isPercent, partOf[i] == nil else { continue }
            let nextCount = tokens.indices.first { $0 > i && !tokens[$0].isPercent }
            let sentenceEnd = ScalarText.end(after: t.end, in: line, isDelimiter: ScalarText.isSentenceDelimiter)
            let nextSentenceEnd = ScalarText.end(after: min(sentenceEnd + 1, line.count), in: line, isDelimiter: ScalarText.isSentenceDelimiter)
            let windowEnd = min(nextCount.map { tokens[$0].start } ?? line.count, nextSentenceEnd)
            guard let markerEnd = Self.listMarkers.compactMap({ ScalarText.lastEnd(of: $0, in: line, from: t.end, to: windowEnd) }).min()
            else { continue }
            let listEnd = ScalarText.end(after: markerEnd, in: line) { $0 == "。" }
            var parts: [Int] = []
            for k in tokens.indices where k > i && tokens[k].start >= markerEnd && tokens[k].end <= listEnd {
                let p = tokens[k]
                guard !p.isPercent, !isFactor[k], partOf[k] == nil, p.unitBit == t.unitBit else { continue }
                parts.append(k)
            }
            guard !parts.isEmpty else { continue }
            for p in parts { partOf.link(p, to: i, count: tokens.count) }
            lists.append(Breakdown(total: i, parts: parts))
        }
    }

    /// Items first, total last: "行政许可及子事项332项、…、共计368项服务事项，共计780项事项" when the preceding counts
    /// of the sentence with the same unit add up exactly to the total.
    func sumBreakdowns(
        _ tokens: [NumberToken], _ contexts: [NumberContext], _ isTotal: TokenFlags, _ isFactor: TokenFlags, _ isProduct: TokenFlags,
        _ partOf: inout TokenLinks, _ lists: inout [Breakdown]
    ) {
        for i in tokens.indices {
            let t = tokens[i]
            guard isTotal[i], !t.isPercent, !isFactor[i],
                !isProduct[i], partOf[i] == nil, t.value > 0,
                ScalarText.contains(Self.totalWords, in: line, from: contexts[i].nearStart, to: t.start)
            else { continue }
            var sum = 0.0
            var parts: [Int] = []
            var k = i - 1
            while k >= 0, tokens[k].start >= contexts[i].sentenceStart {
                defer { k -= 1 }
                let p = tokens[k]
                if p.isPercent || isFactor[k] || p.unitBit != t.unitBit { continue }
                if partOf[k] != nil { break }
                sum += p.value
                parts.append(k)
                if sum >= t.value - 0.5 { break }
            }
            guard parts.count >= 2, abs(sum - t.value) < 0.5 else { continue }
            parts.reverse()
            for p in parts { partOf.link(p, to: i, count: tokens.count) }
            lists.append(Breakdown(total: i, parts: parts))
        }
    }

    // MARK: - Shares and zeros

    /// "政府文件94条，占10%": a percentage after 占 in the same sentence as the count before it.
    func shares(_ tokens: [NumberToken], _ contexts: [NumberContext], _ metrics: [String?], _ isFactor: TokenFlags) -> [Placed] {
        var placed: [Placed] = []
        for i in tokens.indices where tokens[i].isPercent {
            let c = contexts[i]
            guard ScalarText.lastEnd(of: Self.shareWord, in: line, from: c.nearStart, to: c.nearEnd) != nil,
                let k = tokens.indices.last(where: { $0 < i && !tokens[$0].isPercent }),
                tokens[k].start >= c.sentenceStart, !isFactor[k], let countMetric = metrics[k]
            else { continue }
            let metric = countMetric + ".share"
            guard FigureMetrics.codes.contains(metric) else { continue }
            let figure = Figure(
                metric: metric, value: tokens[i].value, unit: "%", qualifier: tokens[i].qualifier,
                quote: quote(contexts[k].nearStart, tokens[i].end), line: lineNumber)
            placed.append(Placed(position: tokens[i].start, figure: figure, token: nil))
        }
        return placed
    }

    /// Zeros said in words, one clause at a time; a clause with a counted number states that number instead.
    /// Only clauses holding a negation can state a zero, so the clauses are found around the `negations`.
    func zeros(_ tokens: [NumberToken], negations: [Int]) -> [Placed] {
        var placed: [Placed] = []
        let statements = ZeroStatement.all
        var next = 0
        while next < negations.count {
            let p = negations[next]
            // The clause's bounds and scalars in one walk out from the negation.
            let (start, end, bloom) = line.withUnsafeBufferPointer { s in
                var bloom = ScalarBloom()
                var lo = p
                while lo > 0, !FigureScalars.isClauseDelimiter(s[lo - 1]) {
                    lo -= 1
                    bloom.insert(s[lo])
                }
                var hi = p
                while hi < s.count, !FigureScalars.isClauseDelimiter(s[hi]) {
                    bloom.insert(s[hi])
                    hi += 1
                }
                return (lo, hi, bloom)
            }
            if !tokens.contains(where: { $0.unitBit != 0 && $0.start >= start && $0.start < end }) {
                // By index: iterating the statements copies each one (five retains) per clause.
                statements.withUnsafeBufferPointer { all in
                    for j in all.indices where all[j].mayBeIn(bloom) && all[j].matches(line, start, end) {
                        let figure = Figure(
                            metric: all[j].metric, value: 0, unit: nil, qualifier: .statedZero, quote: quote(start, end),
                            line: lineNumber)
                        placed.append(Placed(position: start, figure: figure, token: nil))
                    }
                }
            }
            // The next clause with a negation starts after this one's delimiter.
            while next < negations.count, negations[next] <= end { next += 1 }
        }
        return placed
    }

    /// Every zero statement holds one of these (未, 没, 无, 免, 不); clauses without them are skipped cheaply.
    @inline(__always)
    static func isNegationScalar(_ c: Unicode.Scalar) -> Bool {
        c == "未" || c == "没" || c == "无" || c == "免" || c == "不"
    }

    /// The phrase a figure came from, without leading list punctuation, at most 60 scalars.
    func quote(_ lo: Int, _ hi: Int) -> String {
        var lo = lo
        while lo < hi, line[lo] == "、" || ScalarText.isSpace(line[lo]) || line[lo] == "," { lo += 1 }
        return FigureScalars.string(line, max(lo, hi - 60), hi)
    }
}

/// Per-token marks of a line, stored only once one is set: most lines have no product and no breakdown, and
/// three arrays per line cost an allocation each.
struct TokenFlags {
    private var flags: [Bool] = []

    subscript(i: Int) -> Bool { i < flags.count && flags[i] }

    mutating func set(_ i: Int, count: Int) {
        if flags.isEmpty { flags = [Bool](repeating: false, count: count) }
        flags[i] = true
    }
}

/// The total each token is an item of (see `TokenFlags`).
struct TokenLinks {
    private var totals: [Int?] = []

    subscript(i: Int) -> Int? { i < totals.count ? totals[i] : nil }

    mutating func link(_ i: Int, to total: Int, count: Int) {
        if totals.isEmpty { totals = [Int?](repeating: nil, count: count) }
        totals[i] = total
    }
}
