/// Zeros said in words (report-formats §5.3): "未收到政府信息公开申请", "未出现申请行政复议、提起行政诉讼的情况",
/// "对印刷、邮寄等费用都予以减免". Each is read per clause (between commas) that holds no counted number: a negation
/// followed later in the clause by the subject. Emitted as value 0 with qualifier `stated_zero` and no unit.
struct ZeroStatement: Sendable {
    let metric: String
    let negations: [ScalarText.Word]
    let subjects: [ScalarText.Word]
    /// Words that show the clause is about something else ("未收到申请人的行政复议" is no statement about applications).
    let exclude: [ScalarText.Word]
    /// One per subject: a clause lacking a scalar of every subject cannot match.
    let subjectBlooms: [ScalarBloom]

    init(_ metric: String, negations: [String], subjects: [String], exclude: [String] = []) {
        self.metric = metric
        self.negations = negations.map(ScalarText.word)
        self.subjects = subjects.map(ScalarText.word)
        self.exclude = exclude.map(ScalarText.word)
        subjectBlooms = self.subjects.map { ScalarBloom($0) }
    }

    static let appealNegations = ["未发生", "未出现", "未收到", "未接到", "没有发生", "没有出现", "没有收到", "没有", "无", "未有"]

    static let all: [ZeroStatement] = [
        ZeroStatement("applications.received", negations: ["未收到", "没有收到", "未接到", "未受理", "没有受理", "无"],
                      subjects: ["公开申请", "依申请"], exclude: ["复议", "诉讼", "申请人", "未回复", "投诉"]),
        // "未发生与诉讼(行政复议、行政申诉)有关的费用" is about costs, not cases.
        ZeroStatement("review.total", negations: appealNegations, subjects: ["行政复议"], exclude: ["费用"]),
        ZeroStatement("litigation.total", negations: appealNegations, subjects: ["行政诉讼"], exclude: ["费用"]),
        ZeroStatement("complaints.total", negations: appealNegations, subjects: ["申诉", "举报投诉"], exclude: ["费用"]),
        ZeroStatement("answers.refused", negations: ["没有", "无", "未有"], subjects: ["不予公开"]),
        ZeroStatement("fees.amount_yuan", negations: ["未收取", "没有收取", "不收取", "免收", "予以减免", "免予收取"],
                      subjects: ["费"], exclude: ["诉讼"]),
    ]

    /// Whether a clause with scalars `bloom` may name a subject.
    @inline(__always)
    func mayBeIn(_ bloom: ScalarBloom) -> Bool {
        for subject in subjectBlooms where bloom.mayContain(subject) { return true }
        return false
    }

    /// Whether the clause `lo..<hi` states this zero: a negation with the subject after it (or, for waivers such
    /// as "费用都予以减免", anywhere in the clause).
    func matches(_ line: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> Bool {
        // Most clauses with a negation name none of the subjects: the cheapest test that rules them out goes first.
        if !ScalarText.contains(subjects, in: line, from: lo, to: hi) { return false }
        if ScalarText.contains(exclude, in: line, from: lo, to: hi) { return false }
        let waiver = metric == "fees.amount_yuan"
        for negation in negations {
            guard let negationEnd = firstEnd(of: negation, in: line, lo, hi) else { continue }
            let from = waiver ? lo : negationEnd
            if ScalarText.contains(subjects, in: line, from: from, to: hi) { return true }
        }
        return false
    }

    private func firstEnd(of needle: ScalarText.Word, in line: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> Int? {
        var i = lo
        while i + needle.count <= hi {
            if ScalarText.hasWord(needle, in: line, at: i) { return i + needle.count }
            i += 1
        }
        return nil
    }
}
