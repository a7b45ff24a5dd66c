// swift-tools-version: 6.0
import PackageDescription

/// nianbao: scraped Chinese government information-disclosure annual reports → validated Parquet and CSV.
/// Data flows one way: Extract → Normalize → Validate → Load; stage modules never import each other,
/// the values passed between them live in NianbaoCore, and Pipeline is the only composition root.
let package = Package(
    name: "nianbao",
    products: [
        .executable(name: "nianbao", targets: ["nianbao"])
    ],
    targets: [
        // MARK: System libraries (installed by `make deps`; see README)
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "COpenCC", path: "Sources/COpenCC", pkgConfig: "opencc", providers: [.apt(["libopencc-dev"])]),
        .systemLibrary(name: "CUchardet", path: "Sources/CUchardet", pkgConfig: "uchardet", providers: [.apt(["libuchardet-dev"])]),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CCrypto", path: "Sources/CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        /** glibc's malloc tunables (part of libc6-dev, nothing to link). */
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),

        // MARK: Vocabulary
        /** Report, cell, rule and reject types shared by every stage. No I/O. SHA-256 from libcrypto (SHA-NI). */
        .target(name: "NianbaoCore", dependencies: ["CCrypto"]),

        // MARK: Generic writers (know nothing of reports)
        /** Packed blocks: many arrays' bytes in one allocation, read in place. */
        .target(name: "Packing"),
        /** Apache Parquet writer: flat schemas, dictionary pages, statistics, GZIP/ZSTD. */
        .target(name: "Parquet", dependencies: ["CZlib", "CZstd", "Packing"]),
        /** RFC 4180 CSV writer with a spreadsheet-safety profile. */
        .target(name: "CSV", dependencies: ["CZlib", "Packing"]),

        // MARK: Stages
        /** file bytes → decoded, cleaned text → metadata, raw table cells, figures. */
        .target(name: "Extract", dependencies: ["NianbaoCore", "COpenCC", "CUchardet", "CLibXML2"]),
        /** raw cells → typed values (report-formats §4.4). */
        .target(name: "Normalize", dependencies: ["NianbaoCore"]),
        /** typed values → accounting identities and plausibility rules → rejects. */
        .target(name: "Validate", dependencies: ["NianbaoCore"]),
        /** checked reports → contract tables in Parquet and CSV. */
        .target(name: "Load", dependencies: ["NianbaoCore", "Parquet", "CSV", "Packing"]),

        // MARK: Composition
        /** pipeline.json, archive walk, stage wiring, state, lock, atomic commit. */
        .target(name: "Pipeline", dependencies: ["NianbaoCore", "Extract", "Normalize", "Validate", "Load", "CMalloc"]),
        /** The command-line tool: argument parsing, printing, exit codes. Nothing else. */
        .executableTarget(name: "nianbao", dependencies: ["Pipeline", "NianbaoCore", "Load"]),

        // MARK: Benchmarks
        /** Writes a 1M-row applications-shaped table with each codec; `scripts/bench_writer.py` compares with pyarrow. */
        .executableTarget(name: "parquet-bench", dependencies: ["Parquet"]),
        // Per-stage CPU per report on one thread (`make bench`).
        .executableTarget(name: "stage-bench", dependencies: ["NianbaoCore", "Extract", "Normalize", "Validate", "Load"]),

        // MARK: Tests
        .testTarget(name: "ParquetTests", dependencies: ["Parquet"]),
        .testTarget(name: "CSVTests", dependencies: ["CSV"]),
        .testTarget(name: "ExtractTests", dependencies: ["Extract", "NianbaoCore"], exclude: ["Fixtures"]),
        .testTarget(name: "NormalizeTests", dependencies: ["Normalize", "NianbaoCore"]),
        .testTarget(name: "ValidateTests", dependencies: ["Validate", "Normalize", "Extract", "NianbaoCore"]),
        .testTarget(name: "LoadTests", dependencies: ["Load", "NianbaoCore"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "NianbaoCore", "Validate"]),
    ],
    swiftLanguageModes: [.v6]
)
