import Foundation
import Glibc

/// Asks the kernel to start reading the files the workers will open next (`posix_fadvise(WILLNEED)`), from threads
/// of its own, a bounded number of files ahead of them. A nightly run reads an archive the page cache no longer
/// holds (on this machine kind DAMON pages out what has not been touched for ~30 s): without this, every worker
/// waits on one 10 KB read at a time and a core sits idle while it does.
final class ReadAhead: @unchecked Sendable {
    private let condition = NSCondition()
    private let paths: @Sendable (Int) -> String
    private let count: Int
    private let window: Int
    private var issued = 0
    private var consumed = 0
    private var running = 0
    private var stopped = false

    /// `paths(i)`: the i-th file the workers will read, for `i` in `0..<count`.
    init(count: Int, window: Int = 256, threads: Int = 4, paths: @escaping @Sendable (Int) -> String) {
        self.paths = paths
        self.count = count
        self.window = window
        guard count > 0 else { return }
        running = threads
        for _ in 0..<threads { Thread.detachNewThread { self.advise() } }
    }

    /// The workers have started on every file before `index`.
    func consumed(upTo index: Int) {
        condition.lock()
        if index > consumed {
            consumed = index
            condition.broadcast()
        }
        condition.unlock()
    }

    /// Ends the threads and waits for them, so no file is opened after the caller moves on.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func advise() {
        while let index = nextIndex() {
            let fd = open(paths(index), O_RDONLY | O_CLOEXEC)
            if fd >= 0 {
                _ = posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED)
                close(fd)
            }
        }
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    private func nextIndex() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped && issued < count && issued >= consumed + window { condition.wait() }
        guard !stopped && issued < count else { return nil }
        issued += 1
        return issued - 1
    }
}
