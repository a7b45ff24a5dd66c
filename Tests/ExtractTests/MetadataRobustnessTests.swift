import NianbaoCore
import Testing

@testable import Extract

/// Bad input never crashes: truncated fields, stray numerals and random bytes give nil fields, not traps.
@Suite("Metadata and decoding robustness")
struct MetadataRobustnessTests {
    static let fragments = [
        "", ":", "发布日期:", "发布日期:2016-", "来源:", "现将", "现将2017", "由编制", "由", "二〇", "一七年", "2016年",
        "年月日", "十十十月", "二O一八年十三月", "20161", "2016125125", "统计时限", "统计时限自", "年度报告", "政府信息公开工作年度报告",
        "99999999999999999999年1月1日", "2018年1月", "廿廿", "(盖章)", "办公室", "政府", "人民", "街道",
    ]

    @Test func truncatedAndStrayFragmentsDoNotCrash() {
        for first in Self.fragments {
            for second in Self.fragments {
                let text = CleanText(
                    lines: [first, second, first + second, second + first].enumerated().map { TextLine(number: $0 + 1, text: $1) },
                    script: .simplified)
                let metadata = MetadataReader.read(text)
                if let year = metadata.reportYear { #expect(ChineseDate.plausibleYears.contains(year + 1) || ChineseDate.plausibleYears.contains(year)) }
                _ = MetadataReader.looksLikeReport(text)
            }
        }
    }

    @Test func emptyTextHasNoMetadata() {
        let metadata = MetadataReader.read(CleanText(lines: [], script: .simplified))
        #expect(metadata == ReportMetadata())
        #expect(!MetadataReader.looksLikeReport(CleanText(lines: [], script: .simplified)))
    }

    @Test func randomBytesNeverCrashTheDecoder() {
        var generator = DecodingFuzzRandom(seed: 42)
        for length in [1, 2, 3, 7, 64, 513, 4096] {
            for _ in 0..<20 {
                // High bytes only (no NULs or controls), so the decoders rather than the binary check see them.
                let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next() | 0x80) }
                var findings = Findings(reportID: nil, sourcePath: "random")
                let decoded = TextDecoder.decode(bytes, findings: &findings)
                #expect(decoded != nil || findings.errorCount == 1)
            }
        }
    }
}

/// A fixed-seed generator so the random inputs are the same on every run.
struct DecodingFuzzRandom: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
