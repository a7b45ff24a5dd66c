import Foundation
import Glibc

/// An exclusive `flock(2)` on `<state>/lock`: a second run exits 75 at once instead of waiting or racing.
/// The kernel drops the lock when the process dies, SIGKILL included, so a crash never leaves it stuck.
final class RunLock {
    private let fd: Int32

    init(stateDir: String) throws {
        try FileManager.default.createDirectory(atPath: stateDir, withIntermediateDirectories: true)
        let path = "\(stateDir)/lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw PipelineError.outputNotWritable(path: path, reason: String(cString: strerror(errno))) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw PipelineError.locked(holder: (holder?.isEmpty ?? true) ? "unknown holder" : holder ?? "")
        }
        let note = "pid \(getpid()), started \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
    }

    deinit {
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
    }
}
