import NianbaoCore

/// Classifies a document as simplified, traditional or mixed by counting characters that exist in only one
/// script, so only documents that need it are converted.
enum ScriptDetector {
    // Frequent characters of report prose that exist only in traditional script…
    private static let traditionalOnly: Set<Unicode.Scalar> = Set(
        "於與為這個們會發區國開關報條機際時說對進動過還經現門問間實點東車長書見電體資應數據請處議訴結轉總計規範廢許罰強費購項復審維糾級務覽網頁統網絡導領實營產業證類辦單價務傳聯繫衛環萬億當內監監們從將對來導幣紀錄".unicodeScalars)
    // …and their simplified counterparts, which exist only in simplified script.
    private static let simplifiedOnly: Set<Unicode.Scalar> = Set(
        "于与为这个们会发区国开关报条机际时说对进动过还经现门问间实点东车长书见电体资应数据请处议讼结转总计规范废许罚强费购项审维纠级务览网页统络导领营产业证类办单价传联系卫环万亿当内监从将来币纪录".unicodeScalars)

    /// How many distinguishing characters must appear before a verdict other than simplified.
    private static let threshold = 5

    /// Distinguishing characters of a document, added line by line from `TextCleaner.LineFacts`, which finds them
    /// in the same pass as its other per-line checks.
    struct Tally {
        private var traditional = 0
        private var simplified = 0

        mutating func add(traditional: Int, simplified: Int) {
            self.traditional += traditional
            self.simplified += simplified
        }

        var script: Script {
            guard traditional >= threshold else { return .simplified }
            // Seed 000 is traditional with a few simplified characters (并, 范) left by the scraper: still traditional.
            if simplified * 4 > traditional { return .mixed }
            return .traditional
        }
    }

    /// 1 = traditional only, 2 = simplified only, 0 = neither, for U+4E00…U+9FFF (every listed character is there):
    /// a table lookup instead of two Set hashes per character. Traditional wins when a character is listed in both.
    static let kinds: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x9FFF - 0x4E00 + 1)
        for s in simplifiedOnly where (0x4E00...0x9FFF).contains(s.value) { table[Int(s.value - 0x4E00)] = 2 }
        for s in traditionalOnly where (0x4E00...0x9FFF).contains(s.value) { table[Int(s.value - 0x4E00)] = 1 }
        return table
    }()
}
