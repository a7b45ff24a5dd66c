import Foundation
import NianbaoCore
import Validate
import Load
import Parquet
import CSV

/// pipeline.json, parsed strictly: an unknown key or a value of the wrong type is an error naming the key.
public struct PipelineConfig: Sendable {
    public var inputDir = "data"
    public var patterns = ["*.txt", "*.html", "*.htm"]
    public var outputDir = "out"
    public var writeParquet = true
    public var writeCSV = true
    public var stateDir = ".nianbao"
    public var codec: ParquetCodec = .zstd(level: 3)
    public var rowGroupRows = 131_072
    /// MB the row groups of all tables being written hold together (`LoadConfig.rowGroupBudget`).
    public var rowGroupBudgetMB = 16
    public var csv = CSVOptions()
    public var onError: ErrorPolicy = .quarantine
    public var ruleOverrides: [String: RuleOverride] = [:]
    /// 0 means one per core.
    public var workers = 0

    public init() {}

    /// Loads `path`; a missing file is an error only when the user named it (`required`).
    public static func load(path: String, required: Bool, knownRules: Set<String>) throws -> PipelineConfig {
        guard FileManager.default.fileExists(atPath: path) else {
            if required { throw PipelineError.configInvalid(file: path, key: nil, reason: "file not found") }
            return PipelineConfig()
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineError.configInvalid(file: path, key: nil, reason: "cannot read the file")
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw PipelineError.configInvalid(file: path, key: nil, reason: "not valid JSON")
        }
        return try ConfigReader(file: path, knownRules: knownRules).read(root)
    }

    /// Hash of every setting that changes output bytes; a new hash reloads every table.
    public var outputHash: String {
        var parts = [
            "codec=\(codec)", "rg=\(rowGroupRows)", "rg_budget=\(rowGroupBudgetMB)", "parquet=\(writeParquet)", "csv=\(writeCSV)",
            "csv.profile=\(csv.profile.rawValue)", "csv.bom=\(csv.byteOrderMark)", "csv.gzip=\(csv.gzip)",
            "on_error=\(onError.rawValue)",
        ]
        for id in ruleOverrides.keys.sorted() {
            let o = ruleOverrides[id]
            parts.append("rule.\(id)=\(String(describing: o?.enabled)),\(String(describing: o?.severity))")
        }
        return String(SHA256.hex(Array(parts.joined(separator: "\n").utf8)).prefix(16))
    }

    public var loadConfig: LoadConfig {
        var config = LoadConfig(
            writeParquet: writeParquet, writeCSV: writeCSV, codec: codec, rowGroupRows: rowGroupRows, csv: csv,
            createdBy: "nianbao version \(NianbaoVersion.string)")
        config.rowGroupBudget = rowGroupBudgetMB << 20
        return config
    }

    public var validateConfig: ValidateConfig { ValidateConfig(onError: onError, overrides: ruleOverrides) }
}

/// Walks the JSON tree, consuming known keys and refusing anything else.
private struct ConfigReader {
    let file: String
    let knownRules: Set<String>

    func fail(_ key: String, _ reason: String) -> PipelineError {
        .configInvalid(file: file, key: key, reason: reason)
    }

    func object(_ value: Any, _ key: String, allowed: Set<String>) throws -> [String: Any] {
        guard let dict = value as? [String: Any] else { throw fail(key, "must be an object") }
        for name in dict.keys.sorted() where !allowed.contains(name) {
            let path = key.isEmpty ? name : "\(key).\(name)"
            throw fail(path, "unknown key (allowed: \(allowed.sorted().joined(separator: ", ")))")
        }
        return dict
    }

    func string(_ value: Any, _ key: String) throws -> String {
        guard let s = value as? String else { throw fail(key, "must be a string") }
        return s
    }

    func int(_ value: Any, _ key: String, in range: ClosedRange<Int>) throws -> Int {
        // JSONSerialization gives NSNumber for both booleans and numbers; refuse booleans and fractions.
        guard let n = value as? NSNumber, !isBoolean(n), let i = Int(exactly: n.doubleValue) else {
            throw fail(key, "must be an integer")
        }
        guard range.contains(i) else { throw fail(key, "must be between \(range.lowerBound) and \(range.upperBound), found \(i)") }
        return i
    }

    func bool(_ value: Any, _ key: String) throws -> Bool {
        guard let n = value as? NSNumber, isBoolean(n) else { throw fail(key, "must be true or false") }
        return n.boolValue
    }

    /// JSONSerialization boxes JSON booleans as NSNumber with Objective-C type "c" (char).
    func isBoolean(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }

    func oneOf(_ value: Any, _ key: String, _ choices: [String]) throws -> String {
        let s = try string(value, key)
        guard choices.contains(s) else { throw fail(key, "must be one of \(choices.joined(separator: ", ")), found '\(s)'") }
        return s
    }

    func read(_ root: Any) throws -> PipelineConfig {
        var config = PipelineConfig()
        let top = try object(root, "", allowed: ["$comment", "input", "output", "state", "parquet", "csv", "validate", "rules", "workers"])
        if let input = top["input"] {
            let o = try object(input, "input", allowed: ["dir", "patterns"])
            if let v = o["dir"] { config.inputDir = try string(v, "input.dir") }
            if let v = o["patterns"] {
                guard let list = v as? [Any], !list.isEmpty else { throw fail("input.patterns", "must be a non-empty list of glob patterns") }
                config.patterns = try list.map { try string($0, "input.patterns") }
            }
        }
        if let output = top["output"] {
            let o = try object(output, "output", allowed: ["dir", "formats"])
            if let v = o["dir"] { config.outputDir = try string(v, "output.dir") }
            if let v = o["formats"] {
                guard let list = v as? [Any], !list.isEmpty else { throw fail("output.formats", "must be a non-empty list") }
                let formats = try list.map { try oneOf($0, "output.formats", ["parquet", "csv"]) }
                config.writeParquet = formats.contains("parquet")
                config.writeCSV = formats.contains("csv")
            }
        }
        if let state = top["state"] {
            let o = try object(state, "state", allowed: ["dir"])
            if let v = o["dir"] { config.stateDir = try string(v, "state.dir") }
        }
        if let parquet = top["parquet"] {
            let o = try object(parquet, "parquet", allowed: ["codec", "level", "row_group_rows", "row_group_budget_mb"])
            let codec = try o["codec"].map { try oneOf($0, "parquet.codec", ["zstd", "gzip", "uncompressed"]) } ?? "zstd"
            switch codec {
            case "gzip": config.codec = .gzip(level: try o["level"].map { try int($0, "parquet.level", in: 1...9) } ?? 6)
            case "uncompressed":
                if o["level"] != nil { throw fail("parquet.level", "uncompressed takes no level") }
                config.codec = .uncompressed
            default: config.codec = .zstd(level: try o["level"].map { try int($0, "parquet.level", in: 1...22) } ?? 3)
            }
            if let v = o["row_group_rows"] { config.rowGroupRows = try int(v, "parquet.row_group_rows", in: 1_000...10_000_000) }
            if let v = o["row_group_budget_mb"] { config.rowGroupBudgetMB = try int(v, "parquet.row_group_budget_mb", in: 1...4_096) }
        }
        if let csv = top["csv"] {
            let o = try object(csv, "csv", allowed: ["profile", "bom", "gzip"])
            if let v = o["profile"] { config.csv.profile = CSVProfile(rawValue: try oneOf(v, "csv.profile", ["spreadsheet", "raw"])) ?? .spreadsheet }
            if let v = o["bom"] { config.csv.byteOrderMark = try bool(v, "csv.bom") }
            if let v = o["gzip"] { config.csv.gzip = try bool(v, "csv.gzip") }
        }
        if let validate = top["validate"] {
            let o = try object(validate, "validate", allowed: ["on_error"])
            if let v = o["on_error"] { config.onError = ErrorPolicy(rawValue: try oneOf(v, "validate.on_error", ["quarantine", "keep"])) ?? .quarantine }
        }
        if let rules = top["rules"] {
            guard let dict = rules as? [String: Any] else { throw fail("rules", "must be an object keyed by rule id") }
            for id in dict.keys.sorted() {
                guard knownRules.contains(id) else { throw fail("rules.\(id)", "unknown rule id (see `nianbao rules`)") }
                let o = try object(dict[id] as Any, "rules.\(id)", allowed: ["enabled", "severity"])
                var override = RuleOverride()
                if let v = o["enabled"] { override.enabled = try bool(v, "rules.\(id).enabled") }
                if let v = o["severity"] { override.severity = Severity(rawValue: try oneOf(v, "rules.\(id).severity", ["error", "warning"])) }
                config.ruleOverrides[id] = override
            }
        }
        if let workers = top["workers"] { config.workers = try int(workers, "workers", in: 0...256) }
        return config
    }
}
