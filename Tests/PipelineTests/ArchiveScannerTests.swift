import Foundation
import Testing

@testable import Pipeline

@Suite("archive scan")
struct ArchiveScannerTests {
    @Test func filesComeInBytewisePathOrderWithTheirSizes() throws {
        let root = try Harness.tempDir("scan")
        defer { try? FileManager.default.removeItem(at: root) }
        let files = ["b.txt": "bb", "a/江.html": "江", "a/z.htm": "z", "a/b/c/deep.txt": "deep", "a/b.txt": "", "c/x.pdf": "pdf"]
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        // Hidden files and folders are skipped; a linked folder is not followed.
        try FileManager.default.createDirectory(at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent(".git/config.txt"))
        try Data("x".utf8).write(to: root.appendingPathComponent("a/.hidden.txt"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("loop"), withDestinationURL: root.appendingPathComponent("a"))

        let listing = try Self.entries(try ArchiveScanner.scan(root: root.path, patterns: ["*.txt", "*.html", "*.htm"], directory: Self.spoolDir))
        // Bytewise: "." (0x2E) sorts before "/" (0x2F), and every ASCII byte before UTF-8 lead bytes.
        #expect(listing.map(\.relativePath) == ["a/b.txt", "a/b/c/deep.txt", "a/z.htm", "a/江.html", "b.txt"])
        #expect(listing.map(\.size) == [0, 4, 1, 3, 2])
        #expect(listing.allSatisfy { $0.mtime > 0 })
    }

    @Test func theWalkGivesTheOrderOfASortOfAllPaths() throws {
        let root = try Harness.tempDir("scan-order")
        defer { try? FileManager.default.removeItem(at: root) }
        // Names that a folder-by-folder walk easily gets wrong: a folder "a" beside files and folders named "a-b",
        // "a.b", "a0", "ab"; more folders than the threads list ahead (`window`), some empty, some deep.
        var paths: [String] = []
        let names = ["a", "a-b", "a.b", "a0", "ab", "江", "Z"]
        for (i, first) in names.enumerated() {
            for second in names.prefix(i + 2) {
                paths.append("\(first)/\(second).txt")
                for k in 0..<12 { paths.append("\(first)/\(second)/\(k)/r.txt") }
            }
            paths.append("\(first).txt")
            try FileManager.default.createDirectory(at: root.appendingPathComponent("\(first)/empty/深/层"), withIntermediateDirectories: true)
        }
        for path in paths {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(path.utf8).write(to: url)
        }
        // As made, and with the threads held to a few folders ahead and a short queue, so the walk waits and queues
        // folders itself.
        for (window, queueLimit) in [(ArchiveScanner.window, ArchiveScanner.queueLimit), (4, 8), (1, 1)] {
            let listing = try Self.entries(
                try ArchiveScanner.scan(root: root.path, patterns: ["*.txt"], directory: Self.spoolDir, window: window, queueLimit: queueLimit))
            #expect(listing.map(\.relativePath) == paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
            #expect(listing.map(\.size) == listing.map { $0.relativePath.utf8.count })
        }
    }

    @Test func aMissingFolderIsAnInputError() {
        #expect(throws: PipelineError.self) { try ArchiveScanner.scan(root: "/nonexistent/nianbao", patterns: ["*"], directory: Self.spoolDir) }
    }

    @Test func aListingIsReadWholeForwardOrAnEntryAtATime() throws {
        let dir = try Harness.tempDir("listing")
        defer { try? FileManager.default.removeItem(at: dir) }
        // ~700 KB, so reading forward crosses the 256 KB chunks.
        let entries = (0..<12_000).map {
            ArchiveEntry(relativePath: String(format: "省/%05d/", $0) + String(repeating: "报", count: $0 % 31), size: $0, mtime: Int64($0) << 33)
        }
        let listing = try ArchiveListing(entries, directory: dir.path)
        // The file is gone from the folder as soon as it is open.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        #expect(listing.count == entries.count)
        #expect(try Self.entries(listing) == entries)
        for index in [0, 15, 16, 17, 4_095, 11_999] { #expect(try listing.entry(at: index) == entries[index]) }
        var cursor = ArchiveListing.Cursor(listing)
        for index in stride(from: 3, to: entries.count, by: 997) {
            #expect(try cursor.entry(at: index) == entries[index])
            #expect(try cursor.entry(at: index) == entries[index])
        }
        #expect(throws: PipelineError.self) { try cursor.entry(at: 0) }
        #expect(throws: PipelineError.self) { try listing.entry(at: entries.count) }
        #expect(try Self.entries(ArchiveListing()) == [])
    }

    static let spoolDir = FileManager.default.temporaryDirectory.path

    static func entries(_ listing: ArchiveListing) throws -> [ArchiveEntry] {
        var entries: [ArchiveEntry] = []
        try listing.forEach { _, entry in entries.append(entry) }
        return entries
    }
}
