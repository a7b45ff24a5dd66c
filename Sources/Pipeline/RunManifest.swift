import Foundation

/// run.json: what one run did (output-contract `run.json`). Written last into the staging folder.
public struct RunManifest: Codable, Sendable {
    public struct FileCounts: Codable, Sendable {
        public var seen = 0
        public var new = 0
        public var changed = 0
        public var unchanged = 0
        public var deleted = 0
        public var failed = 0
    }

    /// Deterministic id of the output snapshot: same inputs and configuration give the same id
    /// (it is also in every Parquet file's key-value metadata, which must stay byte-identical).
    public var runId: String
    public var startedAt: String
    public var endedAt: String
    public var toolVersion: String
    public var configHash: String
    public var inputDir: String
    public var outputDir: String
    public var files = FileCounts()
    /// Rows written per table, quarantine tables as `quarantine/<table>`.
    public var rows: [String: Int] = [:]
    /// Rejects per rule id and severity, e.g. `{"A1": {"error": 2}}`.
    public var rejectsByRule: [String: [String: Int]] = [:]
    public var rejectsBySeverity: [String: Int] = [:]
    /// Report statuses: ok, flagged, rejected, failed.
    public var reportsByStatus: [String: Int] = [:]
    /// Seconds per stage (extract/normalize/validate are summed over workers), plus `scan`, `load` and `total` wall time.
    public var seconds: [String: Double] = [:]
    public var csvFormulaEscapedCells = 0
    /// True when nothing had changed and the tables were left as they were.
    public var upToDate = false
    public var exitStatus = 0

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(self)
    }

    static func load(_ path: String) -> RunManifest? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(RunManifest.self, from: data)
    }
}
