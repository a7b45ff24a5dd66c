import Foundation
import Glibc
import NianbaoCore
import Pipeline
import Load

/// sysexits(3) codes; the only place the tool decides how it exits.
enum ExitCode: Int32 {
    case success = 0
    case software = 70
    case usage = 64
    case noInput = 66
    case cannotCreate = 73
    case tempFail = 75

    static func of(_ error: PipelineError) -> ExitCode {
        switch error {
        case .usage, .configInvalid: return .usage
        case .inputMissing: return .noInput
        case .outputNotWritable: return .cannotCreate
        case .locked: return .tempFail
        }
    }
}

let usage = """
    nianbao \(NianbaoVersion.string): Chinese government information-disclosure annual reports → validated Parquet and CSV.

    USAGE
      nianbao run [--config FILE] [--input DIR] [--output DIR] [--state DIR] [--full-refresh]
                  [--from-stage extract|normalize|validate|load] [--workers N] [--log-format text|json] [--quiet]
      nianbao one FILE [--config FILE]      process one report, print its tables and rejects
      nianbao rules                         list every rule id with stage, severity and spec reference
      nianbao --help | --version

    OPTIONS (run)
      --config FILE        configuration (default pipeline.json in the current folder, if present)
      --input DIR          archive folder (default: pipeline.json input.dir, else data)
      --output DIR         output folder (default: output.dir, else out)
      --state DIR          incremental state, cache and lock (default: state.dir, else .nianbao)
      --full-refresh       ignore the incremental state and re-extract every report
      --from-stage STAGE   validate|load: re-check cached extractions (e.g. after changing rules);
                           extract|normalize: same as --full-refresh
      --workers N          parallel workers (default: one per core)
      --log-format FMT     text (default; progress bar on a terminal) or json (one event per line on stdout)
      --quiet              no progress bar and no summary

    EXIT CODES
      0   the run completed and outputs were committed (rejects are data, not failures)
      64  bad usage or invalid pipeline.json (the message names the key)
      66  the input folder does not exist
      70  internal error (a bug: please report it)
      73  the output or state folder cannot be written; previous outputs are intact
      75  another run holds the lock; try again later
    """

func fail(_ message: String, _ code: ExitCode) -> Never {
    FileHandle.standardError.write(Data("nianbao: \(message)\n".utf8))
    // A log shipper reading --log-format json sees the failure as an event too, not only on stderr.
    if CommandLine.arguments.contains("json") {
        let time = JSONText.string(ISO8601DateFormatter().string(from: Date()))
        let event = JSONText.object([
            ("event", "\"run_end\""), ("time", time), ("exit_status", String(code.rawValue)), ("error", JSONText.string(message)),
        ])
        FileHandle.standardOutput.write(Data((event + "\n").utf8))
    }
    exit(code.rawValue)
}

/// Parses `--name value` and `--flag` options; anything unknown is a usage error.
func parseRunOptions(_ args: ArraySlice<String>) throws -> RunOptions {
    var options = RunOptions()
    var rest = args
    func value(_ name: String) throws -> String {
        guard let v = rest.popFirst(), !v.hasPrefix("--") else { throw PipelineError.usage("\(name) needs a value (see --help)") }
        return v
    }
    while let arg = rest.popFirst() {
        switch arg {
        case "--config":
            options.configPath = try value(arg)
            options.configRequired = true
        case "--input": options.inputDir = try value(arg)
        case "--output": options.outputDir = try value(arg)
        case "--state": options.stateDir = try value(arg)
        case "--full-refresh": options.fullRefresh = true
        case "--quiet": options.quiet = true
        case "--from-stage":
            let v = try value(arg)
            guard let stage = StageName(rawValue: v) else { throw PipelineError.usage("--from-stage must be extract, normalize, validate or load") }
            options.fromStage = stage
        case "--workers":
            let v = try value(arg)
            guard let n = Int(v), (1...256).contains(n) else { throw PipelineError.usage("--workers must be a whole number from 1 to 256") }
            options.workers = n
        case "--log-format":
            let v = try value(arg)
            guard let format = LogFormat(rawValue: v) else { throw PipelineError.usage("--log-format must be text or json") }
            options.logFormat = format
        default:
            throw PipelineError.usage("unknown option \(arg) (see --help)")
        }
    }
    return options
}

func summary(_ m: RunManifest) -> String {
    let f = m.files
    let total = m.seconds["total"] ?? 0
    if m.upToDate {
        return "nianbao: up to date — \(f.seen) files seen, none new, changed or deleted; tables left as they were (\(String(format: "%.2f", total)) s)."
    }
    let tables = ["reports", "applications", "active_disclosure", "appeals", "figures", "rejects"]
        .map { "\($0) \(m.rows[$0] ?? 0)" }.joined(separator: ", ")
    let quarantined = m.rows.filter { $0.key.hasPrefix("quarantine/") }.values.reduce(0, +)
    return """
        nianbao: \(f.seen) files seen (\(f.new) new, \(f.changed) changed, \(f.unchanged) unchanged, \(f.deleted) deleted, \(f.failed) failed). \
        Rows: \(tables); \(quarantined) quarantined. \
        Rejects: \(m.rejectsBySeverity["error"] ?? 0) errors, \(m.rejectsBySeverity["warning"] ?? 0) warnings\(byRule(m)). \
        Reports: \(["ok", "flagged", "rejected", "failed"].map { "\(m.reportsByStatus[$0] ?? 0) \($0)" }.joined(separator: ", ")). \
        Outputs in \(m.outputDir)/ (\(String(format: "%.2f", total)) s).
        """
}

/// " (A1 2 errors, D3 314 warnings, …)": every rule that fired, most frequent first.
func byRule(_ m: RunManifest) -> String {
    let counts = m.rejectsByRule.flatMap { rule, bySeverity in bySeverity.map { (rule, $0.key, $0.value) } }
        .sorted { ($0.2, $1.0) > ($1.2, $0.0) }
    guard !counts.isEmpty else { return "" }
    return " (" + counts.map { "\($0.0) \($0.2) \($0.1)\($0.2 == 1 ? "" : "s")" }.joined(separator: ", ") + ")"
}

@main
struct NianbaoCommand {
    static func main() async {
        let args = CommandLine.arguments.dropFirst()
        do {
            switch args.first {
            case nil, "--help", "-h", "help":
                print(usage)
            case "--version", "version":
                print("nianbao \(NianbaoVersion.string)")
            case "rules":
                for rule in RuleCatalog.all {
                    print("\(rule.id.padding(toLength: 28, withPad: " ", startingAt: 0)) \(rule.stage.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(rule.title)  [\(rule.spec)]")
                }
            case "one":
                var rest = args.dropFirst()
                guard let path = rest.popFirst() else { throw PipelineError.usage("one needs a FILE (see --help)") }
                let options = try parseRunOptions(rest)
                let runner = try Runner(options: options)
                print(Inspector.render(try Inspector.check(path: path, config: runner.config)))
            case "run":
                let options = try parseRunOptions(args.dropFirst())
                let manifest = try await Runner(options: options).run()
                if options.logFormat == .text && !options.quiet { print(summary(manifest)) }
            default:
                throw PipelineError.usage("unknown command \(args.first ?? "") (see --help)")
            }
        } catch let error as PipelineError {
            fail(error.description, ExitCode.of(error))
        } catch {
            fail("internal error: \(error)", .software)
        }
    }
}
