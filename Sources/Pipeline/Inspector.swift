import Foundation
import NianbaoCore
import Extract
import Normalize
import Validate

/// Processes one report without state or outputs, for `nianbao one FILE` (debugging a single report).
public enum Inspector {
    public static func check(path: String, config: PipelineConfig) throws -> CheckedReport {
        guard let bytes = readFile(path) else { throw PipelineError.inputMissing(path) }
        let file = SourceFile(relativePath: (path as NSString).lastPathComponent, bytes: bytes)
        let cached = CachedReport.make(from: file, extractor: Extractor(), normalizer: Normalizer()).entry
        return Validator(config: config.validateConfig).validate(cached.report, findings: cached.findings)
    }

    /// The report as a person reads it in a terminal: metadata, each table as a grid, figures, rejects.
    public static func render(_ checked: CheckedReport) -> String {
        let h = checked.header
        let m = h.metadata
        var out = """
            \(h.sourcePath)  report_id \(h.reportID)  status \(checked.status.rawValue)
              encoding \(h.encoding ?? "-")  script \(h.script?.rawValue ?? "-")  template \(m.template.rawValue)
              title \(m.title ?? "-")
              agency \(m.agency ?? "-")  signed by \(m.signingOffice ?? "-")  published by \(m.publishingUnit ?? "-")
              report year \(m.reportYear.map { String($0) } ?? "-")  published \(m.publishedDate?.description ?? "-")  signed \(m.signedDate?.description ?? "-")

            """
        for table in checked.report.tables {
            let quarantined = checked.quarantined.contains(table.name) ? "  [quarantined]" : ""
            out += "\n\(table.name.rawValue) (\(table.template.rawValue))\(quarantined)\n"
            var rows: [String] = []
            var byRow: [String: [ValueCell]] = [:]
            for cell in table.cells {
                if byRow[cell.rowCode] == nil { rows.append(cell.rowCode) }
                byRow[cell.rowCode, default: []].append(cell)
            }
            for row in rows {
                let cells = (byRow[row] ?? []).map { c -> String in
                    let v = c.value.map { $0 == $0.rounded() ? String(Int64($0)) : String($0) } ?? (c.raw.isEmpty ? "·" : "∅")
                    return "\(c.columnCode)=\(v)\(c.derived ? "*" : "")"
                }
                out += "  \(row.padding(toLength: 40, withPad: " ", startingAt: 0)) \(cells.joined(separator: " "))\n"
            }
        }
        if !checked.report.figures.isEmpty {
            out += "\nfigures\n"
            for f in checked.report.figures {
                let v = f.value == f.value.rounded() ? String(Int64(f.value)) : String(f.value)
                out += "  \(f.metric) = \(v)\(f.unit ?? "") \(f.qualifier?.rawValue ?? "")  «\(f.quote)» line \(f.line.map { String($0) } ?? "-")\n"
            }
        }
        out += "\nrejects (\(checked.rejects.count))\n"
        for r in checked.rejects {
            out += "  \(r.severity.rawValue) \(r.ruleID) [\(r.stage.rawValue)] line \(r.line.map { String($0) } ?? "-"): \(r.message)\n"
        }
        return out
    }
}
