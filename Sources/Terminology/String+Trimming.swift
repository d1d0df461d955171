/// Trimming without Foundation: `trimmingCharacters(in:)` goes through `NSString` on Linux
/// and was a third of the time spent reading a large TBX.
extension String {
    /// The string without the leading and trailing scalars for which `drop` holds (the string
    /// itself, not a copy, when there are none).
    func trimming(where drop: (Unicode.Scalar) -> Bool) -> String {
        let u = unicodeScalars
        var start = u.startIndex, end = u.endIndex
        while start < end, drop(u[start]) { start = u.index(after: start) }
        while end > start {
            let last = u.index(before: end)
            guard drop(u[last]) else { break }
            end = last
        }
        if start == u.startIndex && end == u.endIndex { return self }
        return String(u[start..<end])
    }

    /// Without leading and trailing white space and line breaks (Unicode `White_Space`, the
    /// set Foundation's `.whitespacesAndNewlines` holds).
    func trimmingWhitespace() -> String { trimming(where: Self.isWhitespace) }

    /// Without leading and trailing spaces and tabs (Foundation's `.whitespaces`: tab and the
    /// space separators).
    func trimmingSpaces() -> String { trimming(where: Self.isSpace) }

    static func isWhitespace(_ u: Unicode.Scalar) -> Bool {
        // Foundation counts the zero-width space as white space too.
        u.value < 0x80 ? u.value == 0x20 || (0x09...0x0D).contains(u.value) : u.properties.isWhitespace || u.value == 0x200B
    }

    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        u.value < 0x80 ? u.value == 0x20 || u.value == 0x09 : u.properties.generalCategory == .spaceSeparator || u.value == 0x200B
    }
}
