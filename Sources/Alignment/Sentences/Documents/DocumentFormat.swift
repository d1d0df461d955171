/// The kinds of document the sentence aligner reads, and their paragraphs.
public enum DocumentFormat: String, Sendable, CaseIterable {
    /// Plain text: paragraphs are separated by blank lines; the lines of a paragraph are joined.
    /// A file without any blank line is read one paragraph per line.
    case text
    /// Markdown: syntax stripped; paragraphs, list items, headings, table rows and code blocks
    /// are paragraphs.
    case markdown
    /// HTML: the text content (tags stripped, entities decoded); block elements such as
    /// `p`, `li`, `h1`-`h6`, `dt`, `dd`, `pre`, `div`, `br` and `tr` end paragraphs.
    case html

    /// The format a file name suggests (`.md`/`.markdown`, `.html`/`.htm`/`.xhtml`, else text).
    public init(path: String) {
        let name = path.lowercased()
        if name.hasSuffix(".md") || name.hasSuffix(".markdown") || name.hasSuffix(".mdown") {
            self = .markdown
        } else if name.hasSuffix(".html") || name.hasSuffix(".htm") || name.hasSuffix(".xhtml") {
            self = .html
        } else {
            self = .text
        }
    }

    /// The paragraphs of `text` read as this format. Paragraphs other than code blocks have
    /// their white space collapsed to single spaces; a code block keeps its lines (each line
    /// then becomes a sentence of its own). Blank paragraphs are dropped.
    public func paragraphs(of text: String) -> [DocumentParagraph] {
        switch self {
        case .text: return PlainTextParagraphs.paragraphs(of: text)
        case .markdown: return MarkdownParagraphs.paragraphs(of: text)
        case .html: return HTMLParagraphs.paragraphs(of: text)
        }
    }
}

/// A paragraph of a document: its text and what kind of block it was.
public struct DocumentParagraph: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable { case paragraph, heading, listItem, code }
    /// The text, white space collapsed (code keeps its lines, joined by `\n`).
    public var text: String
    public var role: Role

    public init(_ text: String, role: Role = .paragraph) {
        self.text = text
        self.role = role
    }
}

/// Paragraphs of plain text.
enum PlainTextParagraphs {
    static func paragraphs(of text: String) -> [DocumentParagraph] {
        let lines = TextLines.split(text)
        let hasBlank = lines.contains { $0.allSatisfy(\.isWhitespace) }
        if !hasBlank {
            return lines.compactMap { line in
                let (content, isItem) = listItem(line)
                let t = TextLines.collapse(content)
                return t.isEmpty ? nil : DocumentParagraph(t, role: isItem ? .listItem : .paragraph)
            }
        }
        var result: [DocumentParagraph] = []
        var current: [Substring] = []
        var role = DocumentParagraph.Role.paragraph
        func flush() {
            let t = TextLines.collapse(current.joined(separator: " "))
            if !t.isEmpty { result.append(DocumentParagraph(t, role: role)) }
            current.removeAll()
            role = .paragraph
        }
        for line in lines {
            if line.allSatisfy(\.isWhitespace) {
                flush()
                continue
            }
            let (content, isItem) = listItem(line)
            if isItem {
                // A list item starts a paragraph of its own.
                flush()
                role = .listItem
            }
            current.append(content)
        }
        flush()
        return result
    }

    /// A line that starts with a bullet (`-`, `*`, `•`, `·`) or a number (`1.`, `2)`) followed by
    /// a space: its content without the marker, and true.
    static func listItem(_ line: Substring) -> (Substring, Bool) {
        let t = line.drop { $0 == " " || $0 == "\t" }
        if let f = t.first, "-*•·‣◦▪".contains(f), t.dropFirst().first == " " {
            return (t.dropFirst(2), true)
        }
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3 {
            let rest = t.dropFirst(digits.count)
            if let m = rest.first, m == "." || m == ")", rest.dropFirst().first == " " {
                return (rest.dropFirst(2), true)
            }
        }
        return (line, false)
    }
}

/// Line splitting and white-space collapsing shared by the readers.
enum TextLines {
    /// The lines of `text` (LF, CR LF, CR, LS, PS), empty lines kept.
    static func split(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            let byte = utf8[i]
            var length = 0
            if byte == 0x0A {
                length = 1
            } else if byte == 0x0D {
                let next = utf8.index(after: i)
                length = next != utf8.endIndex && utf8[next] == 0x0A ? 2 : 1
            } else if byte == 0xE2 {
                let b1 = utf8.index(after: i)
                if b1 != utf8.endIndex, utf8[b1] == 0x80 {
                    let b2 = utf8.index(after: b1)
                    if b2 != utf8.endIndex, utf8[b2] == 0xA8 || utf8[b2] == 0xA9 { length = 3 }
                }
            }
            if length > 0 {
                lines.append(text[start..<i])
                i = utf8.index(i, offsetBy: length)
                start = i
            } else {
                i = utf8.index(after: i)
            }
        }
        lines.append(text[start..<utf8.endIndex])
        return lines
    }

    /// Whether `scalar` is white space (including no-break space and the BOM).
    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 { return v == 0x20 || (0x09...0x0D).contains(v) }
        return v == 0xA0 || v == 0xFEFF || scalar.properties.isWhitespace
    }

    /// `s` with every run of white space turned into one space, trimmed.
    static func collapse<S: StringProtocol>(_ s: S) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in s.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" ") }
                pendingSpace = false
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A code block: each line collapsed, blank lines dropped, lines joined by newlines.
    static func codeBlock<S: StringProtocol>(_ s: S) -> String {
        split(String(s)).map { collapse($0) }.filter { !$0.isEmpty }.joined(separator: "\n")
    }
}
