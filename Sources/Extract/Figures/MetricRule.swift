/// How a number's surroundings name its metric: "政策解读…N篇" → `interpretations`.
///
/// A rule matches when the number's unit is allowed, one `near` keyword sits in the clause before the number
/// (since the last comma or the previous number), every `context` group has a keyword earlier in the sentence
/// (or the line, for `lineScope`), every `after` keyword group appears in the clause after it, and no `exclude`
/// word sits in the clause. Among matching rules the one whose near keyword ends closest to the number wins
/// ("现场受理、回复依申请公开1起" is an answer, not a receipt); ties go to the earlier rule.
struct MetricRule: Sendable {
    let metric: String
    let near: [ScalarText.Word]
    /// One per near keyword, to skip the scan when the clause lacks a scalar of every keyword.
    let nearBlooms: [ScalarBloom]
    let context: [[ScalarText.Word]]
    let after: [ScalarText.Word]
    /// Allowed units as bits of `unitBit(_:)`, so the per-number check costs no String hashing.
    let units: UInt32
    let exclude: [ScalarText.Word]
    let lineScope: Bool
    /// A bare number ("微博粉丝数2318,") is accepted only right after a near keyword.
    let allowsBareNumber: Bool

    init(
        _ metric: String, near: [String], context: [[String]] = [], after: [String] = [], units: [String],
        exclude: [String] = [], lineScope: Bool = false, allowsBareNumber: Bool = false
    ) {
        self.metric = metric
        self.near = near.map(ScalarText.word)
        nearBlooms = self.near.map { ScalarBloom($0) }
        self.context = context.map { $0.map(ScalarText.word) }
        self.after = after.map(ScalarText.word)
        self.units = units.reduce(0) { $0 | Self.unitBit($1) }
        self.exclude = exclude.map(ScalarText.word)
        self.lineScope = lineScope
        self.allowsBareNumber = allowsBareNumber
    }
}

/// Where a number sits in its line, as index ranges into the line's scalars.
struct NumberContext {
    let line: [Unicode.Scalar]
    /// Clause before the number: from the last delimiter or the previous number to the leading qualifier.
    let nearStart: Int
    let nearEnd: Int
    /// The scalars of `nearStart..<nearEnd`.
    let nearBloom: ScalarBloom
    let sentenceStart: Int
    /// Clause after the number: from its unit to the next delimiter.
    let afterStart: Int
    let afterEnd: Int
}

extension MetricRule {
    static let unitOrder = ["条", "件", "项", "篇", "个", "次", "起", "宗", "份", "期", "人次", "人", "名", "元", "家", "处", "场", "%"]

    /// One bit per unit; 0 for a bare number or an unknown unit.
    static func unitBit(_ unit: String?) -> UInt32 {
        guard let unit, let i = unitOrder.firstIndex(of: unit) else { return 0 }
        return 1 << UInt32(i)
    }

    /// (near end, context end) when the rule matches, for choosing the closest rule.
    func score(unitBit: UInt32, in c: NumberContext) -> (Int, Int)? {
        if unitBit != 0 {
            guard units & unitBit != 0 else { return nil }
        } else if !allowsBareNumber {
            return nil
        }
        guard nearBlooms.contains(where: { c.nearBloom.mayContain($0) }),
            let nearEnd = ScalarText.lastEnd(ofAny: near, in: c.line, from: c.nearStart, to: c.nearEnd) else { return nil }
        if unitBit == 0 {
            var gap = nearEnd
            while gap < c.nearEnd, ScalarText.isSpace(c.line[gap]) || c.line[gap] == ":" { gap += 1 }
            guard gap == c.nearEnd else { return nil }
        }
        if ScalarText.contains(exclude, in: c.line, from: c.nearStart, to: c.nearEnd) { return nil }
        var contextEnd = 0
        let contextStart = lineScope ? 0 : c.sentenceStart
        for group in context {
            guard let e = ScalarText.lastEnd(ofAny: group, in: c.line, from: contextStart, to: c.nearEnd) else { return nil }
            contextEnd = max(contextEnd, e)
        }
        if !after.isEmpty, !ScalarText.contains(after, in: c.line, from: c.afterStart, to: c.afterEnd) { return nil }
        return (nearEnd, contextEnd)
    }
}

/// The first of the best-scoring rules for a number, or nil.
/// `unitBit` is the number's `NumberToken.unitBit` (0 for a bare number).
func bestMetric(_ rules: [MetricRule], unitBit bit: UInt32, in c: NumberContext) -> String? {
    rules.withUnsafeBufferPointer { buffer in
        var best: (index: Int, score: (Int, Int))?
        for i in buffer.indices {
            guard let score = buffer[i].score(unitBit: bit, in: c) else { continue }
            if let current = best, score <= current.score { continue }
            best = (i, score)
        }
        return best.map { buffer[$0.index].metric }
    }
}
