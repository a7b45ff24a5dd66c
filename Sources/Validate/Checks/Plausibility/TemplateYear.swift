import NianbaoCore

/// Which report years each template generation can cover (report-formats §1.1, §3.4): the 2019 format came
/// with 国办公开办函〔2019〕60号 (November 2019), the 2021 format with 〔2021〕30号 (September 2021).
enum TemplateYears {
    /// Years the template is expected in; nil for generations with no such bound (hybrid, unknown).
    static func expected(_ template: Template) -> ClosedRange<Int>? {
        switch template {
        case .pre2019: return 2008...2019
        case .t2019: return 2019...2020
        case .t2021: return 2021...9999
        case .hybrid, .unknown: return nil
        }
    }

    /// 2019-template reports for 2021 were written before everyone switched: tolerated with a warning.
    static func isLateAdoption(_ template: Template, _ year: Int) -> Bool {
        template == .t2019 && year == 2021
    }
}

/// report-formats §3.4: the template generation must fit the report year (2021 template ⇒ year ≥ 2021,
/// 2019 template ⇒ 2019–2020, pre-2019 ⇒ year ≤ 2019).
struct TemplateYearMismatch: Check {
    let rule = Rule(
        id: "template_year_mismatch", stage: .validate, severity: .error,
        title: "the template generation fits the report year (pre-2019 ≤ 2019; 2019: 2019–2020; 2021: ≥ 2021)",
        spec: "report-formats §3.4")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        let template = input.metadata.template
        guard let year = input.metadata.reportYear, let years = TemplateYears.expected(template),
            !years.contains(year), !TemplateYears.isLateAdoption(template, year)
        else { return }
        findings.add(
            rule, "a \(template.rawValue) template report cannot cover \(year)",
            expected: "\(years.lowerBound)…\(min(years.upperBound, input.currentYear))", actual: String(year))
    }
}

/// report-formats §3.4: "2019 template ⇒ year ∈ {2019, 2020} (allow 2021 with warning)".
struct TemplateYearLate: Check {
    let rule = Rule(
        id: "template_year_late", stage: .validate, severity: .warning,
        title: "a 2021 report still uses the 2019 template",
        spec: "report-formats §3.4")

    func evaluate(_ input: CheckInput, findings: inout Findings) {
        guard let year = input.metadata.reportYear, TemplateYears.isLateAdoption(input.metadata.template, year) else { return }
        findings.add(rule, "the \(year) report uses the 2019 template", expected: "2021", actual: "2019")
    }
}
