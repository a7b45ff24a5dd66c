import Foundation
import NianbaoCore
import Extract
import Normalize
import Validate
import Load
import CMalloc

/// What the command line asked of a run.
public struct RunOptions: Sendable {
    public var configPath = "pipeline.json"
    /// True when the user named the configuration file, so a missing one is an error.
    public var configRequired = false
    public var inputDir: String?
    public var outputDir: String?
    public var stateDir: String?
    /// Ignore the incremental state: re-extract every file.
    public var fullRefresh = false
    /// Re-run from this stage on cached results (`validate`, `load`); `extract`/`normalize` mean a full refresh.
    public var fromStage: StageName?
    public var workers: Int?
    public var logFormat: LogFormat = .text
    public var quiet = false

    public init() {}
}

/// Consecutive reports ready to be written: their rows, what run.json counts of each, and the cache entries to
/// append to this run's pack when the old copy is to be dropped (compaction) or was missing.
private struct ReadyBatch: Sendable {
    var statuses: [ReportStatus] = []
    var rejectRules: [(String, Severity)] = []
    /// The batch's rows in one block: prepared batches wait here for their turn, and as the few hundred arrays of a
    /// `PreparedRows` they made loading's memory creep up through a run (`PackedRows`).
    var rows = PackedRows()
    var validateSeconds = 0.0
    var rewrites: [(record: Int, bytes: [UInt8])] = []
}

/// One file's result in the parallel phase.
private struct Processed: Sendable {
    var index: Int
    var state: FileState
    /// The cache entry (CacheCodec bytes), appended to this run's pack by the collecting task.
    var entry: [UInt8]
    var status: ReportStatus
    var extractSeconds: Double
    var normalizeSeconds: Double
    var validateSeconds: Double
}

/// Runs the pipeline: scan → (parallel) extract, normalize, cache → state spool → (in path order) validate with
/// the cross-year rules and load into a staging folder → atomic commit → state.
public struct Runner: Sendable {
    public let options: RunOptions
    public let config: PipelineConfig

    public init(options: RunOptions) throws {
        self.options = options
        var config = try PipelineConfig.load(path: options.configPath, required: options.configRequired, knownRules: RuleCatalog.ids)
        if let v = options.inputDir { config.inputDir = v }
        if let v = options.outputDir { config.outputDir = v }
        if let v = options.stateDir { config.stateDir = v }
        if let v = options.workers { config.workers = v }
        self.config = config
    }

    private var workerCount: Int { config.workers > 0 ? config.workers : ProcessInfo.processInfo.activeProcessorCount }

    public func run() async throws -> RunManifest {
        // Buffers of 256 KB and more get pages of their own, given back when freed. glibc raises that bound to the
        // largest buffer freed so far (up to 32 MB), after which the run's big buffers (row groups, compression
        // output, the spool's index) came from the arenas and left holes there that smaller allocations could not
        // use: peak RSS 103/129 MB at 10,000/100,000 reports, 81/104 MB with the bound fixed, at the same speed.
        _ = mallopt(M_MMAP_THRESHOLD, 256 << 10)
        let clock = ContinuousClock()
        let started = clock.now
        let startedAt = ISO8601DateFormatter().string(from: Date())
        let log = RunLog(format: options.logFormat, quiet: options.quiet)
        let lock = try RunLock(stateDir: config.stateDir)
        defer { withExtendedLifetime(lock) {} }
        let committer = OutputCommitter(outputDir: config.outputDir)
        committer.recover()
        log.event("run_start", [("input", JSONText.string(config.inputDir)), ("output", JSONText.string(config.outputDir))])

        var entries = try ArchiveScanner.scan(root: config.inputDir, patterns: config.patterns, directory: config.stateDir)
        let scanSeconds = seconds(since: started)
        // The walk's queue of folders grows with the archive's widest level; freed, it left a few MB of pages resident
        // in the arenas for the rest of the run (2 MB over 100,000 reports, none over 10,000). Handed back here.
        malloc_trim(0)
        log.event("stage_end", [("stage", "\"scan\""), ("files", String(entries.count)), ("seconds", String(scanSeconds))])
        let forceExtract = options.fullRefresh || options.fromStage == .extract || options.fromStage == .normalize
        let cache = ReportCache(stateDir: config.stateDir)

        var manifest = RunManifest(
            runId: "", startedAt: startedAt, endedAt: "", toolVersion: NianbaoVersion.string,
            configHash: config.outputHash, inputDir: config.inputDir, outputDir: config.outputDir)
        manifest.files.seen = entries.count

        // Classify files against the last run's state, read beside the listing. A changed mtime with an unchanged
        // hash is a touch, not a change.
        var work = WorkList()
        var previousOutputHash: String?
        var newestKeptPack = 0
        var touched = 0
        if !forceExtract, let previous = PreviousState(stateDir: config.stateDir), previous.toolVersion == NianbaoVersion.string {
            var files = manifest.files
            try entries.forEach { i, entry in
                guard let old = previous.state(of: entry.relativePath) else {
                    files.new += 1
                    work.append(i)
                    return
                }
                let sameStat = old.size == entry.size && old.mtime == entry.mtime
                if sameStat
                    || old.hash != nil && readFile("\(config.inputDir)/\(entry.relativePath)").flatMap({ ContentHash(digest: SHA256.digest($0)) }) == old.hash
                {
                    files.unchanged += 1
                    if !sameStat { touched += 1 }
                    newestKeptPack = max(newestKeptPack, old.cache?.pack ?? 0)
                } else {
                    files.changed += 1
                    work.append(i)
                }
            }
            if previous.finish() {
                files.deleted = previous.removed
                manifest.files = files
                previousOutputHash = previous.outputHash
            } else {
                log.warning("\(config.stateDir)/state.bin is damaged; every file is extracted again")
            }
        }
        if previousOutputHash == nil {
            work = WorkList(all: entries.count)
            manifest.files.new = entries.count
            newestKeptPack = 0
            touched = 0
        }

        let outputsExist = FileManager.default.fileExists(atPath: "\(config.outputDir)/run.json")
        let upToDate = work.isEmpty && manifest.files.deleted == 0 && previousOutputHash == config.outputHash && outputsExist
            && options.fromStage == nil
        if upToDate {
            return try finishUpToDate(
                manifest: manifest, log: log, started: started, scanSeconds: scanSeconds, entries: entries, touched: touched)
        }

        // Parallel phase: only new and changed files are read and extracted. Every file's state goes to the spool
        // in path order as soon as the files before it have theirs, so no state is held for the whole phase.
        let extractor = Extractor()
        let normalizer = Normalizer()
        let validator = Validator(config: config.validateConfig)
        let inputDir = config.inputDir
        let pack = cache.writer(above: newestKeptPack)
        let spool = try StateSpool(
            stateDir: config.stateDir, toolVersion: NianbaoVersion.string, outputHash: config.outputHash, count: entries.count)
        let unchanged = manifest.files.unchanged > 0 ? PreviousState(stateDir: config.stateDir) : nil
        var (extractSeconds, normalizeSeconds, validateSeconds) = try await extract(
            work, of: entries, keepingOthersFrom: unchanged, into: spool, pack: pack, log: log, extractor: extractor, normalizer: normalizer,
            validator: validator)
        try spool.seal()
        log.event("stage_end", [("stage", "\"extract\""), ("files", String(work.count)), ("seconds", String(extractSeconds))])
        log.event("stage_end", [("stage", "\"normalize\""), ("files", String(work.count)), ("seconds", String(normalizeSeconds))])
        entries = ArchiveListing()
        work = WorkList()

        // Sequential phase, in path order: validate from cache and load into staging.
        let loadStarted = clock.now
        let staging = try committer.prepare()
        var loadConfig = config.loadConfig
        loadConfig.keyValueMetadata = [
            ("nianbao.schema_version", "1"), ("nianbao.run_id", spool.runID), ("nianbao.source", "https://nianbao.invalid/output-contract"),
        ]
        var moved: [(record: Int, cache: CacheRef)] = []
        do {
            let loader = try Loader(directory: staging, config: loadConfig, rules: RuleCatalog.all)
            try pack.flush(releasing: true)
            let reader = cache.reader(packs: spool.packs)
            defer { reader.close() }
            // Packs of older runs keep the entries of files that changed since; once they are mostly dead, this run
            // copies the live entries into its own pack (it reads every one of them anyway) and the old packs go.
            let runPack = pack.number
            let compacting = cache.size(of: spool.packs.subtracting([runPack])) > 2 * spool.liveBytes
            let preparer = loader.preparer
            // Cross-year rules compare a report with its agency's reports of the year before, read from the spool as
            // each report is loaded, so memory does not grow with the number of warnings or of reports.
            let prepareBatch: @Sendable (Int) throws -> ReadyBatch = { run in
                var batch = ReadyBatch()
                var rows = PreparedRows()
                for (record, path, state) in try spool.records(ofRun: run) {
                    let cached: CachedReport
                    if let ref = state.cache, let bytes = reader.bytes(at: ref), let decoded = CacheCodec.decode(bytes) {
                        cached = decoded.relabelled(as: path)
                        if compacting && ref.pack != runPack { batch.rewrites.append((record, bytes)) }
                    } else {
                        let entry = ArchiveEntry(relativePath: path, size: state.size, mtime: state.mtime)
                        cached = Runner.reprocess(entry: entry, inputDir: inputDir, extractor: extractor, normalizer: normalizer)
                        batch.rewrites.append((record, CacheCodec.encode(cached)))
                    }
                    let t = ContinuousClock.now
                    var rejects = cached.rejects
                    if let facts = state.facts, let current = facts.decoded(sourcePath: path) {
                        let previousFacts = spool.facts(agency: facts.agency, year: facts.reportYear &- 1).compactMap {
                            $0.facts.decoded(sourcePath: $0.path)
                        }
                        rejects += validator.crossYearRejects(of: current, previousYear: previousFacts)
                    }
                    let checked = validator.validate(
                        cached.report, findings: Findings(reportID: cached.report.header.reportID, sourcePath: path, rejects: rejects))
                    batch.validateSeconds += seconds(since: t)
                    batch.statuses.append(checked.status)
                    for reject in checked.rejects { batch.rejectRules.append((reject.ruleID, reject.severity)) }
                    // Rows are built here, in parallel; the writer only copies them in, in path order.
                    preparer.prepare(checked, into: &rows)
                }
                batch.rows = preparer.pack(rows)
                return batch
            }
            // Runs of consecutive reports go to the tasks over a sliding window rather than in chunks: both cores stay
            // busy preparing while this task writes, and no chunk boundary makes one wait for the other. Runs are
            // written strictly in path order. Each batch waiting for its turn holds ~0.5 MB of rows; 4 per core instead
            // of 8 would save 4 MB at the peak, but leave the writer waiting for a slow batch more often (loading 7%
            // slower over 10,000 reports), and the speed target is the one at the margin.
            let runCount = spool.runs.count
            let window = 8 * max(1, workerCount)
            try await withThrowingTaskGroup(of: (Int, ReadyBatch).self) { group in
                var submitted = 0
                var written = 0
                var waiting: [Int: ReadyBatch] = [:]
                func submit() {
                    let n = submitted
                    group.addTask { (n, try prepareBatch(n)) }
                    submitted += 1
                }
                while submitted < min(window, runCount) { submit() }
                while written < runCount, let (n, batch) = try await group.next() {
                    waiting[n] = batch
                    while let batch = waiting.removeValue(forKey: written) {
                        validateSeconds += batch.validateSeconds
                        for (record, bytes) in batch.rewrites { moved.append((record, try pack.append(bytes))) }
                        try loader.append(batch.rows)
                        for status in batch.statuses {
                            manifest.reportsByStatus[status.rawValue, default: 0] += 1
                            if status == .failed { manifest.files.failed += 1 }
                        }
                        for (rule, severity) in batch.rejectRules {
                            manifest.rejectsByRule[rule, default: [:]][severity.rawValue, default: 0] += 1
                            manifest.rejectsBySeverity[severity.rawValue, default: 0] += 1
                        }
                        written += 1
                        if submitted < runCount { submit() }
                    }
                    log.progress(done: min(spool.count, written * StateSpool.runLength), total: spool.count, label: "load   ")
                }
            }
            try pack.close()
            let summary = try loader.finish()
            manifest.rows = summary.rows
            manifest.csvFormulaEscapedCells = summary.csvFormulaEscapedCells
            manifest.runId = spool.runID
            manifest.seconds = [
                "scan": scanSeconds, "extract": extractSeconds, "normalize": normalizeSeconds, "validate": validateSeconds,
                "load": seconds(since: loadStarted), "total": seconds(since: started),
            ]
            manifest.endedAt = ISO8601DateFormatter().string(from: Date())
            try AtomicFile.write(try manifest.encoded(), to: "\(staging)/run.json")
            try committer.commit()
            log.event("stage_end", [("stage", "\"validate\""), ("files", String(spool.count)), ("seconds", String(validateSeconds))])
            log.event("stage_end", [
                ("stage", "\"load\""), ("files", String(spool.count)), ("seconds", String(manifest.seconds["load"] ?? 0)),
                ("rows", JSONText.object(manifest.rows.sorted { $0.key < $1.key }.map { ($0.key, String($0.value)) })),
            ])
            for (rule, counts) in manifest.rejectsByRule.sorted(by: { $0.key < $1.key }) {
                for (severity, n) in counts.sorted(by: { $0.key < $1.key }) where severity == "warning" {
                    log.event("rejects", [("rule_id", JSONText.string(rule)), ("severity", "\"warning\""), ("count", String(n))])
                }
                if let errors = counts["error"] {
                    log.event("rejects", [("rule_id", JSONText.string(rule)), ("severity", "\"error\""), ("count", String(errors))])
                }
            }
        } catch let error as PipelineError {
            committer.abandon()
            throw error
        } catch {
            committer.abandon()
            throw PipelineError.outputNotWritable(path: config.outputDir, reason: "\(error)")
        }

        // State last: a crash before this line only costs the next run some re-extraction.
        let livePacks = try spool.commit(moved: moved)
        cache.collectGarbage(keeping: livePacks)
        log.event("run_end", [
            ("exit_status", "0"), ("seconds", String(manifest.seconds["total"] ?? 0)), ("run_id", JSONText.string(manifest.runId)),
            ("files", JSONText.object([
                ("seen", String(manifest.files.seen)), ("new", String(manifest.files.new)), ("changed", String(manifest.files.changed)),
                ("unchanged", String(manifest.files.unchanged)), ("deleted", String(manifest.files.deleted)), ("failed", String(manifest.files.failed)),
            ])),
        ])
        return manifest
    }

    /// Reads, extracts, normalizes and caches the files at `work` (positions in `entries`, ascending) on every core,
    /// and appends every file's state to `spool` in the order of `entries`: the one just made, or for the others
    /// (unchanged files) the one `previous` has. Returns the seconds spent in extract, normalize and validate,
    /// summed over the tasks.
    private func extract(
        _ work: WorkList, of entries: ArchiveListing, keepingOthersFrom previous: PreviousState?, into spool: StateSpool,
        pack: PackWriter, log: RunLog, extractor: Extractor, normalizer: Normalizer, validator: Validator
    ) async throws -> (Double, Double, Double) {
        var extractSeconds = 0.0, normalizeSeconds = 0.0, validateSeconds = 0.0
        let inputDir = config.inputDir
        // Files go to the tasks in runs: a task per file cost a task start, a resumption of this task and the
        // futex wake-ups behind them for every 10 KB report.
        let runLength = 8
        let runCount = (work.count + runLength - 1) / runLength
        let limit = max(1, workerCount * 2)
        var stored = RecentKeys<ContentHash, CacheRef>(capacity: copySearchWindow)
        // States made but not yet spooled, because a file before them is still being extracted: a few runs' worth.
        var finished: [Int: FileState] = [:]
        var spooled = 0
        var nextWork = 0
        var spoolCursor = ArchiveListing.Cursor(entries)
        var submitCursor = ArchiveListing.Cursor(entries)
        func spoolInOrder() throws {
            while spooled < entries.count {
                let entry = try spoolCursor.entry(at: spooled)
                var state: FileState
                if nextWork < work.count && work[nextWork] == spooled {
                    guard let made = finished.removeValue(forKey: spooled) else { return }
                    state = made
                    nextWork += 1
                } else {
                    // Classified as unchanged from this same state moments ago; the lock keeps other runs off it.
                    guard let kept = previous?.state(of: entry.relativePath) else {
                        throw PipelineError.outputNotWritable(
                            path: "\(config.stateDir)/state.bin", reason: "the last run's state changed or could not be read again")
                    }
                    // A touched file keeps its state with this scan's mtime.
                    state = kept
                    state.size = entry.size
                    state.mtime = entry.mtime
                }
                try spool.append(path: entry.relativePath, state: state)
                spooled += 1
            }
        }
        try spoolInOrder()
        // A listing that cannot be read back gives no path: the file counts as unreadable, and the submitting task,
        // reading the same listing, ends the run.
        let readAhead = ReadAhead(count: work.count, window: max(64, 4 * limit * runLength)) { [entries, work] in
            (try? entries.entry(at: work[$0])).map { "\(inputDir)/\($0.relativePath)" }
        }
        defer { readAhead.stop() }
        try await withThrowingTaskGroup(of: [Processed].self) { group in
            var next = 0
            func submit(_ run: Int) throws {
                let positions = (run * runLength)..<min(work.count, (run + 1) * runLength)
                let files = try positions.map { (position: $0, index: work[$0], entry: try submitCursor.entry(at: work[$0])) }
                group.addTask {
                    files.map { file in
                        let readStarted = ContinuousClock.now
                        let bytes = readAhead.take(file.position)
                        return Runner.process(
                            entry: file.entry, index: file.index, bytes: bytes, readSeconds: seconds(since: readStarted),
                            extractor: extractor, normalizer: normalizer, validator: validator)
                    }
                }
            }
            while next < min(limit, runCount) {
                try submit(next)
                next += 1
            }
            var done = 0
            while let results = try await group.next() {
                for result in results {
                    var state = result.state
                    // Files with the same content share one entry (copies within `copySearchWindow` files of each other).
                    if let hash = state.hash, let ref = stored[hash] {
                        state.cache = ref
                    } else {
                        state.cache = try pack.append(result.entry)
                        if let hash = state.hash, let ref = state.cache { stored.insert(hash, ref) }
                    }
                    finished[result.index] = state
                    extractSeconds += result.extractSeconds
                    normalizeSeconds += result.normalizeSeconds
                    validateSeconds += result.validateSeconds
                }
                try spoolInOrder()
                done += results.count
                log.progress(done: done, total: work.count, label: "extract")
                if next < runCount {
                    try submit(next)
                    next += 1
                }
            }
        }
        return (extractSeconds, normalizeSeconds, validateSeconds)
    }

    /// Nothing changed: leave every table as it is and refresh run.json only.
    private func finishUpToDate(
        manifest: RunManifest, log: RunLog, started: ContinuousClock.Instant, scanSeconds: Double, entries: ArchiveListing,
        touched: Int
    ) throws -> RunManifest {
        var manifest = manifest
        let old = RunManifest.load("\(config.outputDir)/run.json")
        guard let previous = PreviousState(stateDir: config.stateDir) else {
            throw PipelineError.outputNotWritable(path: "\(config.stateDir)/state.bin", reason: "the last run's state could not be read again")
        }
        var runID = RunIdentifier(outputHash: config.outputHash)
        try entries.forEach { _, entry in runID.add(path: entry.relativePath, state: previous.state(of: entry.relativePath)) }
        manifest.runId = runID.value()
        manifest.rows = old?.rows ?? [:]
        manifest.rejectsByRule = old?.rejectsByRule ?? [:]
        manifest.rejectsBySeverity = old?.rejectsBySeverity ?? [:]
        manifest.reportsByStatus = old?.reportsByStatus ?? [:]
        manifest.files.failed = old?.files.failed ?? 0
        manifest.csvFormulaEscapedCells = old?.csvFormulaEscapedCells ?? 0
        manifest.upToDate = true
        manifest.seconds = ["scan": scanSeconds, "total": seconds(since: started)]
        manifest.endedAt = ISO8601DateFormatter().string(from: Date())
        try AtomicFile.write(try manifest.encoded(), to: "\(config.outputDir)/run.json")
        // State last, as after a load. Files touched without a change keep their state with their new mtime, or every
        // later run would read and hash them again (a mirror that rewrites the archive each night).
        if touched > 0 { saveTouched(entries: entries, log: log) }
        log.event("run_end", [("exit_status", "0"), ("up_to_date", "true")])
        return manifest
    }

    /// Writes the last run's state again with this scan's sizes and mtimes, every file being unchanged. A failure only
    /// costs the next run the hashing again, so it is a warning.
    private func saveTouched(entries: ArchiveListing, log: RunLog) {
        let path = "\(config.stateDir)/state.bin"
        do {
            guard let previous = PreviousState(stateDir: config.stateDir) else {
                throw PipelineError.outputNotWritable(path: path, reason: "the last run's state could not be read again")
            }
            try AtomicFile.write(to: path) { emit in
                var w = ByteWriter(capacity: 1 << 20)
                RunState.encodeHeader(toolVersion: previous.toolVersion, outputHash: previous.outputHash, count: entries.count, into: &w)
                try entries.forEach { _, entry in
                    guard var state = previous.state(of: entry.relativePath) else {
                        throw PipelineError.outputNotWritable(path: path, reason: "the last run's state changed during the run")
                    }
                    state.size = entry.size
                    state.mtime = entry.mtime
                    RunState.encode(entry.relativePath, state, into: &w)
                    if w.bytes.count >= 1 << 20 {
                        try w.bytes.withUnsafeBytes { try emit($0) }
                        w.bytes.removeAll(keepingCapacity: true)
                    }
                }
                try w.bytes.withUnsafeBytes { try emit($0) }
            }
        } catch {
            log.warning("\(path) keeps the old mtimes of touched files: \(error)")
        }
    }

    /// `bytes`: the file's content, nil if it could not be read.
    private static func process(
        entry: ArchiveEntry, index: Int, bytes: [UInt8]?, readSeconds: Double, extractor: Extractor, normalizer: Normalizer,
        validator: Validator
    ) -> Processed {
        let hashStarted = ContinuousClock.now
        guard let bytes else {
            return Processed(
                index: index, state: FileState(size: entry.size, mtime: entry.mtime, hash: nil, facts: nil),
                entry: CacheCodec.encode(unreadable(entry)), status: .failed, extractSeconds: 0, normalizeSeconds: 0,
                validateSeconds: 0)
        }
        let file = SourceFile(relativePath: entry.relativePath, bytes: bytes)
        // Waiting for the file and hashing it count towards extract, as reading and hashing always have in run.json.
        let readSeconds = readSeconds + seconds(since: hashStarted)
        let (cached, extractSeconds, normalizeSeconds) = CachedReport.make(from: file, extractor: extractor, normalizer: normalizer)
        let encoded = CacheCodec.encode(cached)
        let t = ContinuousClock.now
        let checked = validator.validate(cached.report, findings: cached.findings)
        let facts = validator.facts(of: checked)
        return Processed(
            index: index, state: FileState(
                size: entry.size, mtime: entry.mtime, hash: ContentHash(hex: file.contentHash), facts: facts.map(EncodedFacts.init)),
            entry: encoded, status: checked.status, extractSeconds: readSeconds + extractSeconds, normalizeSeconds: normalizeSeconds,
            validateSeconds: seconds(since: t))
    }

    /// A cache entry went missing (a pack deleted by hand): extract again rather than lose the file.
    private static func reprocess(entry: ArchiveEntry, inputDir: String, extractor: Extractor, normalizer: Normalizer) -> CachedReport {
        guard let bytes = readFile("\(inputDir)/\(entry.relativePath)") else { return unreadable(entry) }
        let file = SourceFile(relativePath: entry.relativePath, bytes: bytes)
        return CachedReport.make(from: file, extractor: extractor, normalizer: normalizer).entry
    }

    private static func unreadable(_ entry: ArchiveEntry) -> CachedReport {
        var findings = Findings(reportID: nil, sourcePath: entry.relativePath)
        findings.add(PipelineRules.unreadableFile, "the file could not be read (permissions, or removed during the run)")
        let header = ReportHeader(reportID: "", sourcePath: entry.relativePath, sourceBytes: entry.size, isReadable: false)
        return CachedReport(report: NormalizedReport(header: header), rejects: findings.rejects)
    }
}

/// Positions in the listing of the files to extract, rising: every file's for a full run, without a number held for
/// each (8 MB at a million files), or those a state did not know or saw change.
struct WorkList: Sendable {
    private var listed: [Int]? = []
    private(set) var count = 0

    init() {}

    init(all count: Int) {
        listed = nil
        self.count = count
    }

    var isEmpty: Bool { count == 0 }

    subscript(k: Int) -> Int { listed?[k] ?? k }

    mutating func append(_ position: Int) {
        listed?.append(position)
        count += 1
    }
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func seconds(since instant: ContinuousClock.Instant) -> Double {
    seconds(ContinuousClock.now - instant)
}

/// Same inputs and configuration give the same id, whatever the worker count or run order. Hashed a line at a time:
/// the whole text is ~120 bytes a file (12 MB at 100,000 files).
struct RunIdentifier {
    private var digest = SHA256.Stream()

    init(outputHash: String) {
        digest.update("\(NianbaoVersion.string)\n\(outputHash)\n")
    }

    mutating func add(path: String, state: FileState?) {
        // An unreadable file once had this placeholder as its hash; kept so run ids do not change.
        let hash = state.map { $0.hash?.hex ?? "unreadable-" + SHA256.hex(Array(path.utf8)) } ?? ""
        digest.update("\(path)\t\(hash)\n")
    }

    func value() -> String {
        var digest = digest
        return String(digest.hex().prefix(16))
    }
}
