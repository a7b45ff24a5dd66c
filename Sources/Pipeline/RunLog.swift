import Foundation
import Glibc
import Load

/// How a run talks to its operator.
public enum LogFormat: String, Sendable {
    /// Human text; a progress bar on stderr when it is a terminal.
    case text
    /// One JSON object per line on stdout, for log shippers and monitors.
    case json
}

/// Progress and events of one run. Only the collecting loop calls it, so it needs no locking.
final class RunLog {
    let format: LogFormat
    private let showProgress: Bool
    private var lastDraw = ContinuousClock.now
    private let started = ContinuousClock.now

    init(format: LogFormat, quiet: Bool) {
        self.format = format
        showProgress = !quiet && format == .text && isatty(STDERR_FILENO) == 1
    }

    /// A machine event (JSON mode) or nothing (text mode shows the summary at the end instead).
    func event(_ name: String, _ fields: [(String, String)] = []) {
        guard format == .json else { return }
        let time = JSONText.string(ISO8601DateFormatter().string(from: Date()))
        // Memory at each stage boundary, so a nightly log shows which stage grows with the archive.
        let memory = name == "stage_end" || name == "run_end" ? [("rss_mb", String(Memory.residentMB)), ("peak_rss_mb", String(Memory.peakMB))] : []
        FileHandle.standardOutput.write(Data((JSONText.object([("event", JSONText.string(name)), ("time", time)] + fields + memory) + "\n").utf8))
    }

    func warning(_ message: String) {
        switch format {
        case .json: event("warning", [("message", JSONText.string(message))])
        case .text: FileHandle.standardError.write(Data("nianbao: warning: \(message)\n".utf8))
        }
    }

    /// Redraws the bar at most ten times a second: files done, rate, ETA.
    func progress(done: Int, total: Int, label: String) {
        guard showProgress else { return }
        let now = ContinuousClock.now
        guard done == total || now - lastDraw > .milliseconds(100) else { return }
        lastDraw = now
        let elapsed = max(0.001, Double((now - started).components.attoseconds) / 1e18 + Double((now - started).components.seconds))
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        let line = String(format: "\r%@ [%@] %d/%d files  %.0f files/s  ETA %.0fs ", label, bar, done, total, rate, eta)
        FileHandle.standardError.write(Data(line.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// This process's memory in MB, from /proc/self/statm (resident now) and getrusage (peak).
enum Memory {
    static var residentMB: Int {
        // /proc files report size 0, so read until end rather than by stat.
        let fd = open("/proc/self/statm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return 0 }
        let fields = String(decoding: buffer[0..<n], as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return (pages * Int(sysconf(Int32(_SC_PAGESIZE)))) >> 20
    }

    /// VmHWM, this process's own peak. getrusage's ru_maxrss is not: Linux carries it across execve, so a run started
    /// by a process larger than itself (make, a Python harness) reported its parent's size (a bench's 1%-changed run
    /// showed 98 MB; the run itself peaked at ~80).
    static var peakMB: Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kB = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ Int($0) })
        else {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return usage.ru_maxrss >> 10
        }
        return kB >> 10
    }
}
