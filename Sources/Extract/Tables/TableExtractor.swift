import NianbaoCore

/// Extracts the section 二, 三 and 四 template tables from cleaned text (report-formats §2, §4.3–4.5).
enum TableExtractor {
    static func extract(_ text: CleanText, reportYear: Int?, findings: inout Findings) -> [ExtractedTable] {
        extractWithTemplate(text, reportYear: reportYear, findings: &findings).tables
    }

    /// The tables and the report's template, detected once: detection reads only the section 二 and 三 tables, so
    /// the template the appeals table takes is the report's.
    static func extractWithTemplate(
        _ text: CleanText, reportYear: Int?, findings: inout Findings
    ) -> (tables: [ExtractedTable], template: Template) {
        let zones = TableZones(text.lines)
        var tables: [ExtractedTable] = []
        var template: Template?
        if let zone = zones.active,
            let table = ActiveTableReader.read(ZoneTokenizer.tokens(text.lines[zone]), reportYear: reportYear, findings: &findings)
        {
            tables.append(table)
        }
        if let zone = zones.applications,
            let table = ApplicationsTableReader.read(ZoneTokenizer.tokens(text.lines[zone]), findings: &findings)
        {
            tables.append(table)
        }
        if let zone = zones.appeals {
            // The appeals table has one shape in both templates: it takes the report's template.
            let detected = TemplateDetector.detect(text, tables: tables, reportYear: reportYear)
            template = detected
            if let table = AppealsTableReader.read(ZoneTokenizer.tokens(text.lines[zone]), template: detected, findings: &findings) {
                tables.append(table)
            }
        }
        return (tables, template ?? TemplateDetector.detect(text, tables: tables, reportYear: reportYear))
    }
}
