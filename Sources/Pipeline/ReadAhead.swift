import Foundation
import Glibc

/// Reads the files the workers will need next on threads of its own, a bounded number ahead of them, and hands
/// each one over whole. A nightly run reads an archive the page cache no longer holds (on this machine kind
/// DAMON pages out what has not been touched for ~30 s): a worker that read its own file waited on one 10 KB
/// read at a time while its core sat idle. Each file is still opened and read once, so a warm cache costs
/// nothing more (advising the kernel to read ahead instead cost three more system calls a file).
/// Threads are woken only when they have something to do: a reader sleeps until half the window has been taken
/// and then refills it, a worker is woken only while it waits. Waking on every hand-over cost a futex call and a
/// cross-core interrupt per file, about 8% of a run's CPU.
final class ReadAhead: @unchecked Sendable {
    private let condition = NSCondition()
    private let path: @Sendable (Int) -> String?
    private let count: Int
    private let window: Int
    private var issued = 0
    private var taken = 0
    /// Files read and not yet taken; `.some(nil)` for a file that could not be read.
    private var ready: [Int: [UInt8]?] = [:]
    private var running = 0
    private var stopped = false
    private var waitingReaders = 0
    private var waitingTakers = 0

    /// `path(i)`: the i-th file the workers will take, for `i` in `0..<count`; nil for one that cannot be named.
    init(count: Int, window: Int = 64, threads: Int = 2, path: @escaping @Sendable (Int) -> String?) {
        self.path = path
        self.count = count
        self.window = window
        guard count > 0 else { return }
        running = threads
        for _ in 0..<threads { Thread.detachNewThread { self.readAhead() } }
    }

    /// The bytes of file `index` (nil if it cannot be read), waiting for them if need be. Each index is taken once.
    func take(_ index: Int) -> [UInt8]? {
        condition.lock()
        while ready[index] == nil && !stopped {
            waitingTakers += 1
            condition.wait()
            waitingTakers -= 1
        }
        let bytes = ready.removeValue(forKey: index) ?? nil
        taken += 1
        if waitingReaders > 0 && issued - taken <= window / 2 { condition.broadcast() }
        condition.unlock()
        return bytes
    }

    /// Ends the threads and waits for them.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        ready = [:]
        condition.unlock()
    }

    private func readAhead() {
        while let index = nextIndex() {
            let bytes = path(index).flatMap { readFile($0, dropCache: true) }
            condition.lock()
            ready[index] = .some(bytes)
            if waitingTakers > 0 { condition.broadcast() }
            condition.unlock()
        }
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    private func nextIndex() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        if issued - taken >= window {
            while !stopped && issued < count && issued - taken > window / 2 {
                waitingReaders += 1
                condition.wait()
                waitingReaders -= 1
            }
        }
        guard !stopped && issued < count else { return nil }
        issued += 1
        return issued - 1
    }
}
