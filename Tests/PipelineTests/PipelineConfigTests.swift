import Foundation
import Testing

@testable import Pipeline

@Suite("pipeline.json")
struct PipelineConfigTests {
    func load(_ json: String) throws -> PipelineConfig {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pipeline-\(UUID().uuidString).json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try PipelineConfig.load(path: path, required: true, knownRules: ["A1", "D1"])
    }

    @Test func theBundledConfigurationIsValidAndMatchesTheDefaults() throws {
        let path = Harness.packageRoot.appendingPathComponent("pipeline.json").path
        let config = try PipelineConfig.load(path: path, required: true, knownRules: RuleCatalog.ids)
        #expect(config.inputDir == "data")
        #expect(config.outputDir == "out")
        #expect(config.codec == .zstd(level: 3))
        #expect(config.outputHash == PipelineConfig().outputHash)
    }

    @Test func unknownKeysAndWrongTypesNameTheKey() {
        let cases: [(String, String)] = [
            (#"{"csv": {"delimiter": ";"}}"#, "csv.delimiter"),
            (#"{"parquet": {"codec": "snappy"}}"#, "parquet.codec"),
            (#"{"parquet": {"codec": "gzip", "level": 12}}"#, "parquet.level"),
            (#"{"csv": {"bom": "yes"}}"#, "csv.bom"),
            (#"{"workers": 1.5}"#, "workers"),
            (#"{"rules": {"A9": {"enabled": false}}}"#, "rules.A9"),
            (#"{"rules": {"D1": {"severity": "fatal"}}}"#, "rules.D1.severity"),
            (#"{"validate": {"on_error": "drop"}}"#, "validate.on_error"),
        ]
        for (json, key) in cases {
            do {
                _ = try load(json)
                Issue.record("\(json) was accepted")
            } catch PipelineError.configInvalid(_, let found, _) {
                #expect(found == key, "\(json)")
            } catch {
                Issue.record("\(json): unexpected \(error)")
            }
        }
    }

    @Test func ruleOverridesAndCodecsAreRead() throws {
        let config = try load(#"{"parquet": {"codec": "gzip", "level": 1}, "rules": {"D1": {"severity": "warning"}, "A1": {"enabled": false}}, "validate": {"on_error": "keep"}}"#)
        #expect(config.codec == .gzip(level: 1))
        #expect(config.ruleOverrides["D1"]?.severity == .warning)
        #expect(config.ruleOverrides["A1"]?.enabled == false)
        #expect(config.onError == .keep)
        #expect(config.outputHash != PipelineConfig().outputHash)
    }
}
