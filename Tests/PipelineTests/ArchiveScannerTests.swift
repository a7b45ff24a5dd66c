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

        let listing = try ArchiveScanner.scan(root: root.path, patterns: ["*.txt", "*.html", "*.htm"])
        // Bytewise: "." (0x2E) sorts before "/" (0x2F), and every ASCII byte before UTF-8 lead bytes.
        #expect(listing.map(\.relativePath) == ["a/b.txt", "a/b/c/deep.txt", "a/z.htm", "a/江.html", "b.txt"])
        #expect(listing.map(\.size) == [0, 4, 1, 3, 2])
        #expect(listing.allSatisfy { $0.mtime > 0 })
    }

    @Test func aMissingFolderIsAnInputError() {
        #expect(throws: PipelineError.self) { try ArchiveScanner.scan(root: "/nonexistent/nianbao", patterns: ["*"]) }
    }
}
