import NianbaoCore

/// The cells `Validator.facts(of:)` keeps for the cross-year rules (A7, D1, D2), keyed by FactKey. The keys
/// of catalogue codes are built once here instead of interpolated for every cell of every report.
enum CrossYearCells {
    private static let applicationRows = ["carried_over", "carried_forward"]
    private static let disclosureColumns = ["in_force", "issued", "repealed"]
    /// [row in applicationRows][column in ApplicationCodes.columns] → key.
    private static let applicationKeys = applicationRows.map { row in
        ApplicationCodes.columns.map { FactKey.make(.applications, row, $0) }
    }
    /// [item in DisclosureCodes.items][column in disclosureColumns] → key.
    private static let disclosureKeys = DisclosureCodes.items.map { item in
        disclosureColumns.map { FactKey.make(.activeDisclosure, item, $0) }
    }

    /// Every key a catalogue cell can have, in catalogue order.
    static let catalogueKeys = (applicationKeys + disclosureKeys).flatMap { $0 }

    static func of(_ report: CheckedReport) -> [String: Double] {
        // Room for every catalogue fact (2 × 7 + 8 × 3): growing rehashes every key.
        var cells = [String: Double](minimumCapacity: 38)
        // Static lets hoisted: each access in the loop would be a `swift_once` check.
        let (applicationRows, applicationKeys, applicationColumns) = (applicationRows, applicationKeys, ApplicationCodes.columns)
        let (disclosureColumns, disclosureKeys, items) = (disclosureColumns, disclosureKeys, DisclosureCodes.items)
        for table in report.report.tables where table.name == .applications || table.name == .activeDisclosure {
            guard !report.quarantined.contains(table.name) else { continue }
            table.cells.withUnsafeBufferPointer { buffer in
                for i in buffer.indices {
                    // A blank carried-over cell means 0 like any detail; "/" and unreadable cells are no fact.
                    guard buffer[i].kind == .number || buffer[i].kind == .blank else { continue }
                    if table.name == .applications {
                        guard let row = applicationRows.position(ofCode: buffer[i].rowCode), let value = buffer[i].summand
                        else { continue }
                        let key = applicationColumns.position(ofCode: buffer[i].columnCode).map { applicationKeys[row][$0] }
                        cells[key ?? FactKey.make(.applications, buffer[i].rowCode, buffer[i].columnCode)] = value
                    } else {
                        guard let column = disclosureColumns.position(ofCode: buffer[i].columnCode), let value = buffer[i].summand
                        else { continue }
                        let key = items.position(ofCode: buffer[i].rowCode).map { disclosureKeys[$0][column] }
                        cells[key ?? FactKey.make(.activeDisclosure, buffer[i].rowCode, buffer[i].columnCode)] = value
                    }
                }
            }
        }
        return cells
    }
}
