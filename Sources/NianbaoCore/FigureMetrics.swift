/// The catalogue of figure metric codes (report-formats §5.1–5.3), owned by the figures extractor.
/// Every metric the extractor emits must be listed here so the `codes` table can explain it.
public enum FigureMetrics {
    public static let all: [CodeEntry] = [
        .init("metric", "proactive.total", "主动公开政府信息数", "items proactively disclosed"),
        .init("metric", "applications.received", "收到申请数", "applications received"),
        .init("metric", "review.total", "行政复议数", "reconsideration cases"),
        .init("metric", "litigation.total", "行政诉讼数", "litigation cases"),
        .init("metric", "fees.amount_yuan", "收取费用", "fees collected, yuan"),
        .init("metric", "interpretations", "政策解读", "policy interpretations published"),
    ]
}
