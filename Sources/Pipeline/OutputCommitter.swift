import Foundation
import Glibc

/// Builds a run's outputs in a staging folder beside the output folder and swaps it in only when
/// everything succeeded, so a crash at any moment leaves the previous outputs whole and readable.
struct OutputCommitter {
    let outputDir: String
    var staging: String { "\(outputDir).staging" }
    var previous: String { "\(outputDir).previous" }

    /// Repairs what a killed run left behind. Safe because the caller holds the run lock.
    func recover() {
        let fm = FileManager.default
        if !fm.fileExists(atPath: outputDir) && fm.fileExists(atPath: previous) {
            // Killed between the two renames of `commit`: the old outputs are complete, put them back.
            rename(previous, outputDir)
        }
        try? fm.removeItem(atPath: previous)
        try? fm.removeItem(atPath: staging)
    }

    /// A fresh, empty staging folder.
    func prepare() throws -> String {
        let fm = FileManager.default
        try? fm.removeItem(atPath: staging)
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
        } catch {
            throw PipelineError.outputNotWritable(path: staging, reason: "cannot create the staging folder")
        }
        return staging
    }

    /// Swaps staging in. With renameat2(RENAME_EXCHANGE) the swap is a single atomic step; otherwise two renames
    /// leave a window of microseconds in which only `<out>.previous` exists, which `recover` repairs.
    func commit() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: outputDir) {
            guard rename(outputDir, previous) == 0 else {
                throw PipelineError.outputNotWritable(path: outputDir, reason: String(cString: strerror(errno)))
            }
        }
        guard rename(staging, outputDir) == 0 else {
            let reason = String(cString: strerror(errno))
            rename(previous, outputDir)
            throw PipelineError.outputNotWritable(path: outputDir, reason: reason)
        }
        try? fm.removeItem(atPath: previous)
    }

    func abandon() {
        try? FileManager.default.removeItem(atPath: staging)
    }
}
