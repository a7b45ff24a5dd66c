import CSV
import Parquet

/// Load stage configuration (pipeline.json `output`, `parquet`, `csv`).
public struct LoadConfig: Sendable {
    public var writeParquet: Bool
    public var writeCSV: Bool
    public var codec: ParquetCodec
    public var rowGroupRows: Int
    /// Bytes the row groups of all tables being written may hold together (`Loader`); a row group also ends at
    /// `rowGroupRows` rows.
    public var rowGroupBudget: Int = 16 << 20
    public var csv: CSVOptions
    /// FileMetaData.created_by.
    public var createdBy: String
    /// Key-value metadata written into every Parquet file; must be deterministic (byte-identical reruns).
    public var keyValueMetadata: [(key: String, value: String)]

    public init(
        writeParquet: Bool = true, writeCSV: Bool = true, codec: ParquetCodec = .zstd(level: 3),
        rowGroupRows: Int = 131_072, csv: CSVOptions = CSVOptions(), createdBy: String,
        keyValueMetadata: [(key: String, value: String)] = []
    ) {
        self.writeParquet = writeParquet
        self.writeCSV = writeCSV
        self.codec = codec
        self.rowGroupRows = rowGroupRows
        self.csv = csv
        self.createdBy = createdBy
        self.keyValueMetadata = keyValueMetadata
    }
}
