/// Splitting records into fields: TSV with backslash escapes, CSV with RFC 4180 quoting.
enum DelimitedFields {
    /// Splits a TSV line on real tabs and undoes the `\\`, `\t`, `\n`, `\r` escapes.
    /// Also returns each field's 1-based starting column in the raw line.
    static func splitTSV(_ line: String) -> (fields: [String], columns: [Int]) {
        var fields: [String] = []
        var columns: [Int] = []
        var column = 1
        for raw in line.split(separator: "\t", omittingEmptySubsequences: false) {
            fields.append(unescape(raw))
            columns.append(column)
            column += raw.count + 1
        }
        return (fields, columns)
    }

    /// Undoes the four escapes; any other backslash sequence is kept as it is.
    static func unescape(_ s: Substring) -> String {
        guard s.utf8.contains(UInt8(ascii: "\\")) else { return String(s) }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var it = s.makeIterator()
        while let c = it.next() {
            guard c == "\\" else { out.append(c); continue }
            guard let n = it.next() else { out.append("\\"); break }
            switch n {
            case "\\": out.append("\\")
            case "t": out.append("\t")
            case "n": out.append("\n")
            case "r": out.append("\r")
            default: out.append("\\"); out.append(n)
            }
        }
        return out
    }

    /// The separator of a CSV file, from its first line: the most frequent of `,`, `;` and tab
    /// outside quotes (a comma on a tie, or when there is none).
    static func detectDelimiter(_ line: String) -> Character {
        var counts: [Character: Int] = [",": 0, ";": 0, "\t": 0]
        var quoted = false
        for c in line {
            if c == "\"" { quoted.toggle(); continue }
            if !quoted, counts[c] != nil { counts[c]! += 1 }
        }
        let order: [Character] = [",", ";", "\t"]
        let best = order.max { counts[$0]! < counts[$1]! }!
        return counts[best]! > counts[","]! ? best : ","
    }

    /// The state of a CSV record being parsed over one or more physical lines.
    struct CSVRecord {
        var fields: [String] = []
        var columns: [Int] = []
        var current = ""
        var inQuotes = false
        var fieldStarted = false
        var column = 1
    }

    /// Feeds one physical line to a CSV record. Returns true when the record is complete;
    /// false when a quoted field continues on the next line (a newline was added to it).
    /// Throws a description of a quoting error with its column.
    static func feedCSV(_ line: String, into r: inout CSVRecord, delimiter: Character) -> (done: Bool, error: (Int, String)?) {
        var chars = Array(line)
        var i = 0
        if r.inQuotes { r.current.append("\n") }
        if !r.inQuotes && r.columns.isEmpty { r.columns.append(1); r.column = 1 }
        while i < chars.count {
            let c = chars[i]
            if r.inQuotes {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { r.current.append("\""); i += 2; continue }
                    r.inQuotes = false
                    i += 1
                    // After a closing quote only the delimiter or the end may follow.
                    if i < chars.count && chars[i] != delimiter {
                        return (true, (i + 1, "unexpected character after a closing quote"))
                    }
                    continue
                }
                r.current.append(c)
                i += 1
                continue
            }
            if c == delimiter {
                r.fields.append(r.current)
                r.current = ""
                r.fieldStarted = false
                r.columns.append(i + 2)
                i += 1
                continue
            }
            if c == "\"" && !r.fieldStarted && r.current.isEmpty {
                r.inQuotes = true
                r.fieldStarted = true
                i += 1
                continue
            }
            r.fieldStarted = true
            r.current.append(c)
            i += 1
        }
        chars.removeAll()
        if r.inQuotes { return (false, nil) }
        r.fields.append(r.current)
        r.current = ""
        return (true, nil)
    }
}
