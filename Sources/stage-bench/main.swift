import Foundation
import Load
import NianbaoCore
import Extract
import Normalize
import Validate

// CPU cost of every stage per report, one thread, files already in memory: the figures the 3,000 reports/s
// budget is split into. Thread CPU time, so a busy machine shifts the numbers less than wall time would.
// Usage: stage-bench ARCHIVE [--limit N] [--repeat R]

func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

var arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, _ fallback: Int, in arguments: inout [String]) -> Int {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count, let v = Int(arguments[i + 1]) else { return fallback }
    arguments.removeSubrange(i...(i + 1))
    return v
}
let limit = option("--limit", 2000, in: &arguments)
let repeats = option("--repeat", 3, in: &arguments)
guard let root = arguments.first else {
    FileHandle.standardError.write(Data("usage: stage-bench ARCHIVE [--limit N] [--repeat R]\n".utf8))
    exit(64)
}

/// Report paths under `root`, relative to it. readdir(3): FileManager's enumerator cost more than the stages
/// measured on a 10,000-report archive, and filled profiles of this tool with path normalisation.
func reportPaths(under root: String, prefix: String = "") -> [String] {
    guard let directory = opendir(prefix.isEmpty ? root : "\(root)/\(prefix)") else { return [] }
    defer { closedir(directory) }
    var found: [String] = []
    while let entry = readdir(directory) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        if name == "." || name == ".." { continue }
        let path = prefix.isEmpty ? name : "\(prefix)/\(name)"
        var isDirectory = entry.pointee.d_type == UInt8(DT_DIR)
        if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
            // Some file systems leave the type to stat(2).
            var info = stat()
            isDirectory = stat("\(root)/\(path)", &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
        }
        if isDirectory {
            found += reportPaths(under: root, prefix: path)
        } else if name.hasSuffix(".txt") || name.hasSuffix(".html") || name.hasSuffix(".htm") {
            found.append(path)
        }
    }
    return found
}

var paths = reportPaths(under: root).sorted()
paths = Array(paths.prefix(limit))
let contents: [(String, [UInt8])] = paths.compactMap { path in
    FileManager.default.contents(atPath: "\(root)/\(path)").map { (path, [UInt8]($0)) }
}
let bytes = contents.reduce(0) { $0 + $1.1.count }
print("stage-bench: \(contents.count) reports, \(bytes / 1024) KB, best of \(repeats)")

let extractor = Extractor()
let normalizer = Normalizer()
let validator = Validator(config: ValidateConfig())
var best: [String: Double] = [:]
let order = ["hash", "extract", "normalize", "validate", "facts", "load-prep", "load-app", "load-end", "load"]
for _ in 0..<repeats {
    var spent: [String: Double] = [:]
    func timed<T>(_ stage: String, _ work: () throws -> T) rethrows -> T {
        let t = threadCPUSeconds()
        defer { spent[stage, default: 0] += threadCPUSeconds() - t }
        return try work()
    }
    let output = NSTemporaryDirectory() + "stage-bench-\(getpid())"
    try? FileManager.default.removeItem(atPath: output)
    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
    let loader = try Loader(directory: output, config: LoadConfig(createdBy: "stage-bench"), rules: [])
    for (path, data) in contents {
        let file = timed("hash") { SourceFile(relativePath: path, bytes: data) }
        var findings = Findings(reportID: file.reportID, sourcePath: file.relativePath)
        let extracted = timed("extract") { extractor.extract(file, findings: &findings) }
        let normalized = timed("normalize") { normalizer.normalize(extracted, findings: &findings) }
        let checked = timed("validate") { validator.validate(normalized, findings: findings) }
        _ = timed("facts") { validator.facts(of: checked) }
        // Rows are built and packed on the workers in a run (16 reports a block; one here), then written in order.
        let packed = timed("load-prep") { loader.preparer.pack(loader.preparer.prepare(checked)) }
        try timed("load-app") { try loader.append(packed) }
    }
    // Flushing the last row groups and closing the files; sequential like load-app.
    _ = try timed("load-end") { try loader.finish() }
    try? FileManager.default.removeItem(atPath: output)
    spent["load"] = (spent["load-prep"] ?? 0) + (spent["load-app"] ?? 0) + (spent["load-end"] ?? 0)
    for (stage, s) in spent { best[stage] = min(best[stage] ?? .infinity, s) }
}
var total = 0.0
for stage in order {
    let s = best[stage] ?? 0
    // load = load-prep + load-app + load-end
    if !stage.hasPrefix("load-") { total += s }
    print(String(format: "%@ %8.1f µs/report", stage.padding(toLength: 10, withPad: " ", startingAt: 0) as NSString, s / Double(contents.count) * 1e6))
}
print(String(format: "%@ %8.1f µs/report  (%.0f reports/s per core)", "total" as NSString, total / Double(contents.count) * 1e6, Double(contents.count) / total))
