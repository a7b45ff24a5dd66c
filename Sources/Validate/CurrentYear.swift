import Foundation

/// The calendar year in China Standard Time (UTC+8, no daylight saving), where the reports are published.
enum CurrentYear {
    static func inChina() -> Int {
        let seconds = Int(Date().timeIntervalSince1970) + 8 * 3600
        return year(ofDaysSinceEpoch: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    /// The year part of H. Hinnant's civil_from_days (the inverse of `CivilDate.daysSinceEpoch`).
    static func year(ofDaysSinceEpoch days: Int) -> Int {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let month = mp < 10 ? mp + 3 : mp - 9
        return yoe + era * 400 + (month <= 2 ? 1 : 0)
    }
}
