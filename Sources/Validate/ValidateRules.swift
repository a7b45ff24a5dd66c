import NianbaoCore

/// The catalogue of validation rules, in spec order (report-formats §3.1, §3.2, §3.3, §3.4, §5.4).
enum ValidateRules {
    /// Rules evaluated on one report, in the order their rejects are written.
    static let perReport: [any Check] = [
        ApplicationsBalance(), ApplicationsResultsSum(), OtherHandlingSum(), ApplicantColumnsSum(),
        ResultSubtotals(), CarriedForwardBound(),
        ReviewTotal(), DirectLitigationTotal(), AfterReviewLitigationTotal(), AfterReviewLitigationBound(),
        Disclosure2019Bounds(), DisclosureSigns(), AmountPlausible(),
        NegativeCount(), FractionalCount(), ReportYearRange(), DateTooEarly(), DateWindow(),
        TemplateYearMismatch(), TemplateYearLate(),
        InconsistentBreakdown(), PartialBreakdown(),
    ]

    /// Runs the enabled per-report rules in order. The checks are read in place: copying one out of the
    /// array retains its boxed rule, 22 times a report.
    static func evaluate(_ input: CheckInput, findings: inout Findings, isEnabled: ((Rule) -> Bool)?) {
        perReport.withUnsafeBufferPointer { checks in
            for i in checks.indices where isEnabled?(checks[i].rule) ?? true {
                checks[i].evaluate(input, findings: &findings)
            }
        }
    }

    /// Rules that compare an agency's reports of consecutive years.
    static let crossYear: [any CrossYearCheck] = [CarriedOverContinuity(), InForceContinuity(), RepealBound()]

    /// Every rule in spec order: A7 sits with the application identities, D1 and D2 before the
    /// single-report disclosure rules. A test checks this list and the two above hold the same rules.
    static let all: [Rule] = [
        ApplicationsBalance().rule, ApplicationsResultsSum().rule, OtherHandlingSum().rule, ApplicantColumnsSum().rule,
        ResultSubtotals().rule, CarriedForwardBound().rule, CarriedOverContinuity().rule,
        ReviewTotal().rule, DirectLitigationTotal().rule, AfterReviewLitigationTotal().rule, AfterReviewLitigationBound().rule,
        InForceContinuity().rule, RepealBound().rule, Disclosure2019Bounds().rule, DisclosureSigns().rule, AmountPlausible().rule,
        NegativeCount().rule, FractionalCount().rule, ReportYearRange().rule, DateTooEarly().rule, DateWindow().rule,
        TemplateYearMismatch().rule, TemplateYearLate().rule,
        InconsistentBreakdown().rule, PartialBreakdown().rule,
    ]
}
