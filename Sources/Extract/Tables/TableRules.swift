import NianbaoCore

/// Rules raised while reading template tables.
enum TableRules {
    static let all: [Rule] = []
}
