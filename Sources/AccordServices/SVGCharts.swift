import Foundation
import RecognitionCore

/// Charts drawn on the server as SVG (pages, the regional report's HTML), so a page, its print view and a saved copy show them without any script. Every
/// text is escaped; the chart carries a `<title>` and `<desc>` for screen readers, and the page keeps the table the
/// chart is drawn from.
public enum SVGCharts {
    /// A count that changes at points in time (parties in force over the years), drawn as steps.
    public struct StepSeries {
        /// Fractional years (2018.08 is early February 2018) and the count from that moment on.
        public var points: [(x: Double, y: Int)]
        public var title: String
        public var description: String

        public init(points: [(x: Double, y: Int)], title: String, description: String) {
            self.points = points
            self.title = title
            self.description = description
        }
    }

    static let width = 720.0
    static let height = 260.0
    static let margin = (left: 44.0, right: 16.0, top: 16.0, bottom: 32.0)

    /// A day as a fractional year, for the time axis.
    public static func year(of day: CalendarDay) -> Double {
        Double(day.year) + (Double(day.month - 1) + Double(day.day - 1) / 31) / 12
    }

    /// A convention's parties over time, from its report's timeline.
    public static func parties(_ report: ConventionReport, title: String, description: String, id: String) -> String {
        steps(
            StepSeries(
                points: report.timeline.compactMap { point in CalendarDay(point.date).map { (year(of: $0), point.count) } }, title: title,
                description: description),
            id: id)
    }

    public static func steps(_ series: StepSeries, id: String) -> String {
        guard let first = series.points.first, let last = series.points.last else { return "" }
        // A year of margin before the first point when it falls early in its year, so the first step is visible.
        let startYear = first.x - floor(first.x) < 0.25 ? floor(first.x) - 1 : floor(first.x)
        let endYear = max(ceil(last.x + 0.01), startYear + 1)
        // The count axis ends on a labelled line: at most five steps, the highest at or above the largest count.
        let largest = max(1, series.points.map(\.y).max() ?? 1)
        let countStep = max(1, Int((Double(largest) / 5).rounded(.up)))
        let top = countStep * Int((Double(largest) / Double(countStep)).rounded(.up))
        let plotWidth = width - margin.left - margin.right
        let plotHeight = height - margin.top - margin.bottom
        func x(_ value: Double) -> Double { margin.left + (value - startYear) / (endYear - startYear) * plotWidth }
        func y(_ value: Int) -> Double { margin.top + plotHeight - Double(value) / Double(top) * plotHeight }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }

        var path = "M\(number(x(first.x))),\(number(y(0)))"
        var previous = 0
        for point in series.points {
            path += " L\(number(x(point.x))),\(number(y(previous))) L\(number(x(point.x))),\(number(y(point.y)))"
            previous = point.y
        }
        path += " L\(number(x(endYear))),\(number(y(previous)))"

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart" id="\(escape(id))" viewBox="0 0 \(Int(width)) \(Int(height))" \
            role="img" aria-labelledby="\(escape(id))-title \(escape(id))-desc">
            <title id="\(escape(id))-title">\(escape(series.title))</title><desc id="\(escape(id))-desc">\(escape(series.description))</desc>
            """
        // A grid line per count step, a label per year (at most twelve).
        for value in stride(from: 0, through: top, by: countStep) {
            svg += "<line class=\"grid\" x1=\"\(number(margin.left))\" x2=\"\(number(width - margin.right))\" y1=\"\(number(y(value)))\" "
            svg += "y2=\"\(number(y(value)))\"/><text class=\"tick\" x=\"\(number(margin.left - 6))\" y=\"\(number(y(value) + 4))\" "
            svg += "text-anchor=\"end\">\(value)</text>"
        }
        let years = Int(endYear - startYear)
        let yearStep = max(1, Int((Double(years) / 12).rounded(.up)))
        for year in stride(from: Int(startYear), through: Int(endYear), by: yearStep) {
            svg += "<text class=\"tick\" x=\"\(number(x(Double(year))))\" y=\"\(number(height - 10))\" text-anchor=\"middle\">\(year)</text>"
        }
        svg += "<path class=\"series\" d=\"\(path)\"/>"
        for point in series.points {
            svg += "<circle class=\"point\" cx=\"\(number(x(point.x)))\" cy=\"\(number(y(point.y)))\" r=\"3\"/>"
        }
        return svg + "</svg>"
    }

    /// Counts per label (answers per option, items per status), drawn as horizontal bars with the count at each end.
    public static func bars(_ bars: [(label: String, value: Int)], title: String, id: String) -> String {
        guard !bars.isEmpty else { return "" }
        let row = 26.0
        let labelWidth = 260.0
        let chartHeight = row * Double(bars.count) + 8
        let largest = Double(max(1, bars.map(\.value).max() ?? 1))
        let room = width - labelWidth - 60
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        let total = bars.map(\.value).reduce(0, +)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart bars" id="\(escape(id))" viewBox="0 0 \(Int(width)) \(Int(chartHeight))" \
            role="img" aria-labelledby="\(escape(id))-title"><title id="\(escape(id))-title">\(escape(title)) (\(total))</title>
            """
        for (index, bar) in bars.enumerated() {
            let y = 4 + row * Double(index)
            let length = Double(bar.value) / largest * room
            let label = bar.label.count > 40 ? String(bar.label.prefix(39)) + "…" : bar.label
            svg += "<text class=\"tick\" x=\"\(number(labelWidth - 8))\" y=\"\(number(y + 16))\" text-anchor=\"end\">\(escape(label))</text>"
            svg +=
                "<rect class=\"bar\" x=\"\(number(labelWidth))\" y=\"\(number(y + 3))\" width=\"\(number(max(length, 1)))\" height=\"\(number(row - 8))\"/>"
            svg += "<text class=\"tick\" x=\"\(number(labelWidth + max(length, 1) + 6))\" y=\"\(number(y + 16))\">\(bar.value)</text>"
        }
        return svg + "</svg>"
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
