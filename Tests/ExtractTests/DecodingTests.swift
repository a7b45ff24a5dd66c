import Foundation
import NianbaoCore
import Testing

@testable import Extract

/// Fixtures are cut from the seeds (first ~3 KB at a line boundary) and re-encoded with iconv.
@Suite("Decoding (engineering-notes §3.2–3.3)")
struct DecodingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/encodings")

    static func fixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    static func decode(_ bytes: [UInt8]) -> (DecodedText?, Findings) {
        var findings = Findings(reportID: "test", sourcePath: "test.txt")
        let decoded = TextDecoder.decode(bytes, findings: &findings)
        return (decoded, findings)
    }

    @Test func gb18030FileIsDetectedAndDecoded() throws {
        let (decoded, findings) = Self.decode(try Self.fixture("seed001.gb18030.txt"))
        let text = try #require(decoded)
        #expect(text.encoding == "gb18030")
        #expect(text.invalidByteCount == 0)
        // seed 001 lines 1-2
        #expect(text.text.hasPrefix("遂宁经济技术开发区管理委员会\n政府信息公开工作年度报告"))
        #expect(findings.rejects.isEmpty)
    }

    @Test func big5FileIsDetectedAndDecoded() throws {
        let (decoded, findings) = Self.decode(try Self.fixture("seed000.big5.txt"))
        let text = try #require(decoded)
        #expect(text.encoding == "big5")
        // seed 000 line 2: "現將金臺區人民政府2017年度主動公開政府信息"
        #expect(text.text.contains("現將金臺區人民政府2017年度主動公開政府信息"))
        #expect(findings.rejects.isEmpty)
    }

    @Test func utf16LittleEndianWithBOMIsDecoded() throws {
        let (decoded, _) = Self.decode(try Self.fixture("seed004.utf16le-bom.txt"))
        let text = try #require(decoded)
        #expect(text.encoding == "utf-16le")
        #expect(!text.text.hasPrefix("\u{FEFF}"))
        // seed 004 line 1
        #expect(text.text.hasPrefix("威海市文登区政务服务中心2016年政府信息公开工作年度报告"))
    }

    @Test func utf16BigEndianWithAndWithoutBOMIsDecoded() throws {
        let phrase = "2015年度铁山区政府信息公开工作报告\n发布时间:2016-01-28\n"
        let bigEndian = Array(phrase.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let (withBOM, _) = Self.decode([0xFE, 0xFF] + bigEndian)
        #expect(withBOM?.encoding == "utf-16be")
        #expect(withBOM?.text == phrase)
        let (withoutBOM, _) = Self.decode(bigEndian)
        #expect(withoutBOM?.encoding == "utf-16be")
        #expect(withoutBOM?.text == phrase)
    }

    @Test func utf8BOMIsStripped() throws {
        let (decoded, _) = Self.decode(try Self.fixture("seed003.utf8-bom.txt"))
        let text = try #require(decoded)
        #expect(text.encoding == "utf-8")
        #expect(text.text.hasPrefix("铁山 27℃~21℃"))
        // seed 003 line 4
        #expect(text.text.contains("2015年度铁山区政府信息公开工作报告"))
    }

    @Test func plainUTF8IsDecodedWithoutDetector() throws {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("data/reports/002_cbaa75f9e60907ca.txt")
        let (decoded, findings) = Self.decode([UInt8](try Data(contentsOf: seed)))
        #expect(decoded?.encoding == "utf-8")
        #expect(decoded?.text.hasPrefix("2021年江夏區(qū)政府信息公開工作年度報(bào)告") == true)
        #expect(findings.rejects.isEmpty)
    }

    @Test func gbkPageWithMetaCharsetIsDecodedAsGB18030() throws {
        let (decoded, _) = Self.decode(try Self.fixture("seed004.gbk.html"))
        let text = try #require(decoded)
        #expect(text.encoding == "gb18030")
        #expect(text.text.contains("<p>发布日期:2017-01-21 10:24:00</p>"))
    }

    @Test func declaredCharsetIsFound() {
        #expect(ByteSniffer.declaredEncoding(Array(#"<meta charset="GB2312">"#.utf8)) == "gb18030")
        #expect(ByteSniffer.declaredEncoding(Array(#"content="text/html; charset=big5""#.utf8)) == "big5")
        #expect(ByteSniffer.declaredEncoding(Array(#"<?xml version="1.0" encoding='UTF-8'?>"#.utf8)) == "utf-8")
        #expect(ByteSniffer.declaredEncoding(Array("<p>charset is a word</p>".utf8)) == nil)
        #expect(ByteSniffer.declaredEncoding(Array(#"<meta charset="koi8-r">"#.utf8)) == nil)
    }

    /// The search skips eight bytes at a time: a declaration is found at every offset, in any case, after letters
    /// that look like its start, and only within the first 2 KB.
    @Test func declaredCharsetIsFoundAtEveryOffsetOfTheHead() {
        for offset in 0..<20 {
            let padding = String(repeating: "x", count: offset)
            #expect(ByteSniffer.declaredEncoding(Array("\(padding)CharSet=BIG5>".utf8)) == "big5", "offset \(offset)")
            let lookalikes = String(repeating: "c", count: offset)
            #expect(ByteSniffer.declaredEncoding(Array("\(lookalikes)chars charset=koi8 ENCODING=\"gbk\"".utf8)) == "gb18030")
        }
        let fits = String(repeating: "x", count: 2048 - "charset=big5".utf8.count) + "charset=big5"
        #expect(ByteSniffer.declaredEncoding(Array(fits.utf8)) == "big5")
        let cut = String(repeating: "x", count: 2042) + "charset=big5"
        #expect(ByteSniffer.declaredEncoding(Array(cut.utf8)) == nil)
    }

    @Test func declaredCharsetBeatsDetectorForShortText() throws {
        // 4 characters are too few for uchardet; the declaration decides.
        let gbk: [UInt8] = Array(#"<meta charset="gbk"><p>"#.utf8) + [0xC4, 0xEA, 0xB6, 0xC8, 0xB1, 0xA8, 0xB8, 0xE6]
        let (decoded, _) = Self.decode(gbk)
        #expect(decoded?.encoding == "gb18030")
        #expect(decoded?.text.hasSuffix("年度报告") == true)
    }

    @Test func wrongDeclarationFallsBackToDetection() throws {
        // A Big5 file that claims to be GBK: read by GB18030 it is mojibake, so uchardet decides.
        let big5 = try Self.fixture("seed000.big5.txt")
        let (decoded, _) = Self.decode(Array(#"<meta charset="gbk">"#.utf8) + big5)
        #expect(decoded?.encoding == "big5")
        #expect(decoded?.text.contains("現將金臺區人民政府2017年度") == true)
    }

    @Test func utf8TextKeepingAnOldLegacyDeclarationStaysUTF8() {
        let (decoded, _) = Self.decode(Array(#"<meta charset="gb2312"><p>年度报告</p>"#.utf8))
        #expect(decoded?.encoding == "utf-8")
        #expect(decoded?.text.contains("年度报告") == true)
    }

    @Test func binaryFileIsRejected() throws {
        let (decoded, findings) = Self.decode(try Self.fixture("binary.bin"))
        #expect(decoded == nil)
        #expect(findings.rejects.map(\.ruleID) == ["undecodable"])
        #expect(findings.errorCount == 1)
    }

    @Test func controlBytesWithoutNULAreBinary() {
        let noisy = (0..<400).map { UInt8(($0 * 7) % 31 + 1) }
        #expect(ByteSniffer.looksBinary(noisy))
        #expect(!ByteSniffer.looksBinary(Array("一、概述\r\n\t2017年,金台区认真贯彻\u{0C}".utf8)))
    }

    @Test func controlCountsMatchAByteByByteCount() {
        // Word-at-a-time skipping must count exactly what a plain loop counts, at every length and alignment.
        var generator = SystemRandomNumberGenerator()
        for length in 0..<80 {
            for _ in 0..<20 {
                let pool: [UInt8] = [0x00, 0x01, 0x09, 0x0A, 0x1B, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x9F, 0xE4, 0xFF]
                let bytes = (0..<length).map { _ in pool[Int.random(in: 0..<pool.count, using: &generator)] }
                var even = 0
                var odd = 0
                var controls = 0
                for (index, byte) in bytes.enumerated() {
                    if byte == 0 {
                        if index % 2 == 0 { even += 1 } else { odd += 1 }
                    } else if (byte < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains(byte)) || byte == 0x7F {
                        controls += 1
                    }
                }
                let counts = ByteSniffer.ControlCounts(bytes)
                #expect(counts.evenNULs == even && counts.oddNULs == odd && counts.controls == controls, "\(bytes)")
            }
        }
    }

    @Test func emptyFileIsRejected() throws {
        let (decoded, findings) = Self.decode(try Self.fixture("empty.txt"))
        #expect(decoded == nil)
        #expect(findings.rejects.map(\.ruleID) == ["undecodable"])
        #expect(findings.rejects.first?.message == "the file is empty")
    }

    @Test func oneCorruptedByteIsSkippedWithAWarning() throws {
        var bytes = try Self.fixture("seed001.gb18030.txt")
        // 0xFF is never valid in GB18030; put it between two characters of line 2 (政府|信息…).
        let line2 = try #require(bytes.firstIndex(of: 0x0A)) + 1
        bytes.insert(0xFF, at: line2 + 4)
        let (decoded, findings) = Self.decode(bytes)
        let text = try #require(decoded)
        #expect(text.encoding == "gb18030")
        #expect(text.invalidByteCount == 1)
        #expect(text.text.contains("政府信息公开工作年度报告"))
        #expect(findings.rejects.map(\.ruleID) == ["decode_replaced_bytes"])
        #expect(findings.rejects.first?.severity == .warning)
    }

    @Test func damagedUTF8IsReadAsUTF8WithAWarning() throws {
        var bytes = try Self.fixture("seed003.utf8-bom.txt")
        // A lone continuation byte inside the text, with and without the BOM.
        bytes.insert(0x80, at: 200)
        for input in [bytes, Array(bytes.dropFirst(3))] {
            let (decoded, findings) = Self.decode(input)
            #expect(decoded?.encoding == "utf-8")
            #expect(decoded?.invalidByteCount == 1)
            #expect(decoded?.text.contains("2015年度铁山区政府信息公开工作报告") == true)
            #expect(findings.rejects.map(\.ruleID) == ["decode_replaced_bytes"])
        }
    }

    @Test func cleanLegacyFileGivesNoWarning() throws {
        let (_, findings) = Self.decode(try Self.fixture("seed001.gb18030.txt"))
        #expect(!findings.rejects.contains { $0.ruleID == "decode_replaced_bytes" })
    }

    @Test func manyInvalidBytesAreUndecodable() throws {
        // Every tenth byte 0xFF: ~10 % invalid, above the 5 % budget.
        var bytes = try Self.fixture("seed001.gb18030.txt")
        for index in stride(from: bytes.count - 1, to: 0, by: -10) { bytes.insert(0xFF, at: index) }
        let (decoded, findings) = Self.decode(bytes)
        #expect(decoded == nil)
        #expect(findings.rejects.map(\.ruleID) == ["undecodable"])
    }

    @Test func truncatedLastCharacterCountsAsInvalid() throws {
        let bytes = try Self.fixture("seed001.gb18030.txt")
        let (decoded, _) = Self.decode(bytes + [0xC4])
        #expect(decoded?.invalidByteCount == 1)
    }

    @Test func mojibakeDoesNotReadAsChinese() throws {
        let big5 = try Self.fixture("seed000.big5.txt")
        let asBig5 = try #require(IconvConverter.convert(big5[...], from: "BIG5-HKSCS"))
        let asGB = try #require(IconvConverter.convert(big5[...], from: "GB18030"))
        #expect(TextDecoder.readsAsChinese(DecodedText(encoding: "big5", text: asBig5.text), byteCount: big5.count))
        #expect(!TextDecoder.readsAsChinese(DecodedText(encoding: "gb18030", text: asGB.text), byteCount: big5.count))
    }

    /// Counting stops early only when the rest of the text cannot change the answer: texts that read as Chinese for
    /// their first kilobytes and turn to rare characters after (mojibake glued to a clean page), of every length and
    /// share, get the answer the full counts give.
    @Test func earlyStopInHanCountsKeepsTheAnswer() {
        let common = Array("的是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严".unicodeScalars)
        let rare = Array("鼹鼷鼸鼶鼵鼴鼳鼲鼱鼰鼯鼮鼭鼬鼫鼪鼩鼨鼧鼦鼥鼤鼣鼢鼡鼠黾".unicodeScalars)
        var generator = DecodingFuzzRandom(seed: 5)
        func pick(_ pool: [Unicode.Scalar]) -> Unicode.Scalar { pool[Int(generator.next() % UInt64(pool.count))] }
        for _ in 0..<600 {
            let cleanLength = Int(generator.next() % 3000)
            let rareLength = Int(generator.next() % 4000)
            let asciiEvery = 1 + Int(generator.next() % 8)
            var scalars: [Unicode.Scalar] = []
            for i in 0..<cleanLength { scalars.append(i % asciiEvery == 0 ? "a" : pick(common)) }
            for i in 0..<rareLength { scalars.append(i % asciiEvery == 0 ? " " : (generator.next() % 40 == 0 ? pick(common) : pick(rare))) }
            let text = String(String.UnicodeScalarView(scalars))
            let decoded = DecodedText(encoding: "gb18030", text: text)
            let (han, shareCommon) = TextDecoder.hanCounts(text)
            for minimumHan in [0, 30] {
                let expected = han >= minimumHan && (han < 30 || shareCommon * 10 >= han)
                #expect(TextDecoder.readsAsChinese(decoded, byteCount: text.utf8.count, requiringHan: minimumHan) == expected)
            }
        }
    }

    /// The two-byte tables decode exactly as iconv does, and leave to iconv what they cannot read: every pair of
    /// both encodings, four-byte GB18030 sequences valid and not, stray bytes and a pair cut by the end, in seeded
    /// random texts, and the seed fixtures.
    @Test(arguments: ["GB18030", "BIG5-HKSCS"])
    func twoByteTablesDecodeAsIconvDoes(encoding: String) throws {
        func check(_ bytes: [UInt8]) {
            let fast = IconvConverter.convert(bytes[...], from: encoding)
            let iconv = IconvConverter.convert(bytes[...], from: encoding, usingTables: false)
            #expect(fast?.text == iconv?.text && fast?.invalidByteCount == iconv?.invalidByteCount, "\(bytes)")
        }
        var everyPair: [UInt8] = []
        for lead in UInt8(0x81)...0xFE {
            for trail in UInt8(0x40)...0xFE { everyPair += [lead, trail, 0x20] }
        }
        // One pair at a time, since a single pair the table lacks sends a whole text to iconv.
        for start in stride(from: 0, to: everyPair.count, by: 3) { check(Array(everyPair[start..<start + 3])) }
        var random = DecodingFuzzRandom(seed: 0x2026_1207)
        func next(_ bound: Int) -> Int { Int(random.next() % UInt64(bound)) }
        let pieces: [[UInt8]] = [
            [0x41], [0x0A], [0xD5, 0xFE], [0xB8, 0xAE], [0xA4, 0xA4], [0x81, 0x30, 0x81, 0x30], [0x95, 0x32, 0x82, 0x36],
            [0x84, 0x31, 0xA4, 0x39], [0xFE, 0x39, 0xFE, 0x39], [0x81, 0x30], [0x80], [0xFF], [0xA1, 0x7F], [0x88, 0x62],
        ]
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<next(12) { bytes += pieces[next(pieces.count)] }
            if next(4) == 0 { bytes.append(0xC4) }
            check(bytes)
        }
        check(try Self.fixture("seed001.gb18030.txt"))
        check(try Self.fixture("seed000.big5.txt"))
    }

    @Test func detectorAnswersMapToContractNames() {
        #expect(TextDecoder.contractName(forDetectorAnswer: "GB18030") == "gb18030")
        #expect(TextDecoder.contractName(forDetectorAnswer: "BIG5") == "big5")
        #expect(TextDecoder.contractName(forDetectorAnswer: "WINDOWS-1252") == nil)
    }

    @Test func ruleIsDeclaredForTheExtractStage() {
        #expect(Extractor.rules.contains { $0.id == "decode_replaced_bytes" && $0.stage == .extract && $0.severity == .warning })
    }
}
