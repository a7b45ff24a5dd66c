/// Enums of parquet.thrift, with the thrift numbering as raw values.

/// `enum Type`: physical storage type.
enum PhysicalType: Int32 {
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7
}

/// `enum FieldRepetitionType`.
enum FieldRepetitionType: Int32 {
    case required = 0, optional = 1, repeated = 2
}

/// `enum ConvertedType` (only the members this writer emits).
enum ConvertedType: Int32 {
    case utf8 = 0, date = 6
}

/// `enum Encoding`.
enum Encoding: Int32 {
    case plain = 0, plainDictionary = 2, rle = 3, bitPacked = 4, rleDictionary = 8
}

/// `enum CompressionCodec`.
enum CompressionCodec: Int32 {
    case uncompressed = 0, snappy = 1, gzip = 2, zstd = 6
}

/// `enum PageType`.
enum PageType: Int32 {
    case dataPage = 0, indexPage = 1, dictionaryPage = 2, dataPageV2 = 3
}
