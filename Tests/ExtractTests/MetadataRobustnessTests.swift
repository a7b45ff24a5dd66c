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

/// Strings made without a second UTF-8 check (`String(knownValidUTF8:)`) are checked in debug builds, which run these
/// tests: hostile HTML and random bytes go through every stage of extraction, so a path that cuts a character or a
/// library that writes a bad code point stops the suite instead of reaching a release build.
@Suite("Unchecked strings stay valid")
struct KnownValidUTF8Tests {
    static let references = [
        "&#xD800;", "&#xDFFF;", "&#x110000;", "&#0;", "&#x10FFFF;", "&#65;", "&#x4E00;", "&nbsp;", "&amp;", "&#12288;",
        "&#x;", "&#99999999999;", "&", "&#", "<", "|", "\u{3000}", "\u{00A0}", " ", "\t", "\n", "申请", "0", "12",
    ]
    static let tags = ["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th colspan=2>", "<td rowspan=3>", "<br>", "<p>", "</p>",
        "<![CDATA[政府]]>", "<!-- x -->", "<script>", "</script>", "<td>&#xD800;</td>"]

    @Test func hostileHTMLThroughExtraction() {
        var generator = DecodingFuzzRandom(seed: 7)
        for _ in 0..<400 {
            var html = "<html><head><meta charset=\"utf-8\"></head><body>"
            for _ in 0..<Int(generator.next() % 60) {
                let pool = generator.next() % 2 == 0 ? Self.references : Self.tags
                html += pool[Int(generator.next() % UInt64(pool.count))]
            }
            html += "</body></html>"
            var findings = Findings(reportID: nil, sourcePath: "fuzz.html")
            _ = Extractor().extract(SourceFile(relativePath: "fuzz.html", bytes: Array(html.utf8)), findings: &findings)
        }
    }

    @Test func randomBytesThroughExtraction() {
        var generator = DecodingFuzzRandom(seed: 11)
        for name in ["r.txt", "r.html"] {
            for length in [1, 5, 64, 700, 3000] {
                for _ in 0..<15 {
                    let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
                    var findings = Findings(reportID: nil, sourcePath: name)
                    _ = Extractor().extract(SourceFile(relativePath: name, bytes: bytes), findings: &findings)
                }
            }
        }
    }
}
