import Foundation
import NianbaoCore
import Extract
import Normalize

/// What extraction and normalisation produced for one file content: the expensive part of a run, cached so
/// unchanged files are never re-extracted and `--from-stage validate` re-checks without re-reading reports.
struct CachedReport: Sendable {
    var report: NormalizedReport
    /// Extract and normalize findings; validation adds its own each run.
    var rejects: [Reject]

    /// Extracts and normalizes one file, timing each stage. Every path that reads a report (a run, a cache miss,
    /// `nianbao one`) goes through here, so they cannot drift apart.
    static func make(from file: SourceFile, extractor: Extractor, normalizer: Normalizer)
        -> (entry: CachedReport, extractSeconds: Double, normalizeSeconds: Double)
    {
        let clock = ContinuousClock()
        let t0 = clock.now
        var findings = Findings(reportID: file.reportID, sourcePath: file.relativePath)
        let extracted = extractor.extract(file, findings: &findings)
        let t1 = clock.now
        let normalized = normalizer.normalize(extracted, findings: &findings)
        let t2 = clock.now
        return (CachedReport(report: normalized, rejects: findings.rejects), seconds(t1 - t0), seconds(t2 - t1))
    }

    /// The findings to validate this entry with.
    var findings: Findings {
        Findings(reportID: report.header.reportID, sourcePath: report.header.sourcePath, rejects: rejects)
    }
}

/// `<state>/cache/<version>/<hh>/<hash>.bin`, one entry per distinct file content (CacheCodec format).
struct ReportCache: Sendable {
    let root: String

    init(stateDir: String) {
        root = "\(stateDir)/cache/\(NianbaoVersion.string)"
    }

    func path(for hash: String) -> String {
        "\(root)/\(hash.prefix(2))/\(hash).bin"
    }

    func store(_ entry: CachedReport, hash: String) throws {
        let path = path(for: hash)
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try AtomicFile.write(Data(CacheCodec.encode(entry)), to: path)
    }

    func load(hash: String) -> CachedReport? {
        guard let bytes = readFile(path(for: hash)) else { return nil }
        return CacheCodec.decode(bytes)
    }

    func remove(hash: String) {
        unlink(path(for: hash))
    }

    /// Caches of other tool versions can never be read again.
    func removeOtherVersions() {
        let parent = (root as NSString).deletingLastPathComponent
        let mine = (root as NSString).lastPathComponent
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where name != mine {
            try? FileManager.default.removeItem(atPath: "\(parent)/\(name)")
        }
    }
}
