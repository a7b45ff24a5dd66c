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
        FileHandle.standardOutput.write(Data((JSONText.object([("event", JSONText.string(name)), ("time", time)] + fields) + "\n").utf8))
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
