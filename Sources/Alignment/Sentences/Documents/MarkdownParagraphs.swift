/// The text of a Markdown document, paragraph by paragraph, with the syntax stripped.
///
/// Blocks: paragraphs (blank-line separated), ATX and setext headings, list items, block
/// quotes, table rows (cells joined by spaces), fenced and indented code blocks (lines kept).
/// Front matter, link reference definitions, thematic breaks and table rules are dropped.
/// Inline: emphasis markers, code spans' backticks, links and images (their text is kept),
/// autolinks, inline HTML tags, backslash escapes and HTML character references.
enum MarkdownParagraphs {
    static func paragraphs(of text: String) -> [DocumentParagraph] {
        var lines = TextLines.split(text).map(String.init)
        // YAML front matter.
        if lines.first?.trimmingSpaces == "---", let end = lines.dropFirst().firstIndex(where: { $0.trimmingSpaces == "---" || $0.trimmingSpaces == "..." }) {
            lines.removeSubrange(0...end)
        }
        var result: [DocumentParagraph] = []
        var paragraph: [String] = []
        var role = DocumentParagraph.Role.paragraph
        var index = 0

        func flushParagraph(as finalRole: DocumentParagraph.Role? = nil) {
            if !paragraph.isEmpty {
                let inline = inlineText(paragraph.joined(separator: " "))
                if !inline.isEmpty { result.append(DocumentParagraph(inline, role: finalRole ?? role)) }
            }
            paragraph.removeAll()
            role = .paragraph
        }
        func emit(_ raw: String, role: DocumentParagraph.Role) {
            flushParagraph()
            let inline = inlineText(raw)
            if !inline.isEmpty { result.append(DocumentParagraph(inline, role: role)) }
        }
        func code(_ lines: [String]) {
            let block = TextLines.codeBlock(lines.joined(separator: "\n"))
            if !block.isEmpty { result.append(DocumentParagraph(block, role: .code)) }
        }

        while index < lines.count {
            var line = lines[index]
            index += 1
            // Block quotes: strip the markers and read the rest as usual.
            while let q = line.blockQuoteContent { line = q }
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty { flushParagraph(); continue }

            // Fenced code block.
            if let fence = trimmed.fence {
                flushParagraph()
                var codeLines: [String] = []
                while index < lines.count {
                    let l = lines[index]
                    index += 1
                    if l.trimmingSpaces.hasPrefix(fence) && l.trimmingSpaces.allSatisfy({ String($0) == String(fence.first!) }) { break }
                    codeLines.append(l)
                }
                code(codeLines)
                continue
            }
            // Indented code block (not inside a paragraph).
            if paragraph.isEmpty && (line.hasPrefix("    ") || line.hasPrefix("\t")) {
                var codeLines = [line]
                while index < lines.count, lines[index].hasPrefix("    ") || lines[index].hasPrefix("\t") || lines[index].trimmingSpaces.isEmpty {
                    codeLines.append(lines[index])
                    index += 1
                }
                code(codeLines)
                continue
            }
            // Thematic break.
            if trimmed.isThematicBreak { flushParagraph(); continue }
            // Setext heading underline: the paragraph so far is a heading.
            if !paragraph.isEmpty && (trimmed.allSatisfy { $0 == "=" } || trimmed.allSatisfy { $0 == "-" }) {
                flushParagraph(as: .heading)
                continue
            }
            // ATX heading.
            if trimmed.hasPrefix("#") {
                let hashes = trimmed.prefix { $0 == "#" }.count
                let rest = trimmed.dropFirst(hashes)
                if hashes <= 6 && (rest.isEmpty || rest.first == " " || rest.first == "\t") {
                    var heading = rest.trimmingSpaces
                    while heading.hasSuffix("#") { heading.removeLast() }
                    emit(heading, role: .heading)
                    continue
                }
            }
            // Link reference definition.
            if trimmed.isLinkReferenceDefinition { flushParagraph(); continue }
            // Table rows.
            if trimmed.hasPrefix("|") || (trimmed.contains(" | ") && paragraph.isEmpty && index < lines.count && lines[index].trimmingSpaces.isTableRule) {
                if trimmed.isTableRule { continue }
                let cells = trimmed.split(separator: "|").map { $0.trimmingSpaces }.filter { !$0.isEmpty }
                emit(cells.joined(separator: " "), role: .paragraph)
                continue
            }
            if trimmed.isTableRule && !paragraph.isEmpty { continue }
            // List item: a paragraph of its own.
            if let item = trimmed.listItemContent {
                flushParagraph()
                role = .listItem
                paragraph.append(item)
                continue
            }
            paragraph.append(trimmed)
        }
        flushParagraph()
        return result
    }

    /// The text of inline Markdown.
    static func inlineText(_ s: String) -> String {
        let c = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < c.count {
            let ch = c[i]
            switch ch {
            case "\\" where i + 1 < c.count && c[i + 1].isASCIIPunctuation:
                out.append(c[i + 1]); i += 2
            case "`":
                var n = 0
                while i + n < c.count, c[i + n] == "`" { n += 1 }
                if let close = find(c, run: "`", count: n, from: i + n) {
                    out.append(contentsOf: c[(i + n)..<close]); i = close + n
                } else {
                    out.append(contentsOf: c[i..<(i + n)]); i += n
                }
            case "!" where i + 1 < c.count && c[i + 1] == "[":
                if let (text, end) = link(c, at: i + 1) { out.append(contentsOf: inlineText(text).unicodeScalars); i = end } else { out.append(ch); i += 1 }
            case "[":
                if let (text, end) = link(c, at: i) { out.append(contentsOf: inlineText(text).unicodeScalars); i = end } else { out.append(ch); i += 1 }
            case "<":
                if let close = c[i...].firstIndex(of: ">"), close > i + 1, isTagOrAutolink(c[(i + 1)..<close]) {
                    let inner = String(String.UnicodeScalarView(c[(i + 1)..<close]))
                    if inner.contains("://") || inner.contains("@") && !inner.contains(" ") { out.append(contentsOf: inner.unicodeScalars) }
                    i = close + 1
                } else { out.append(ch); i += 1 }
            case "&":
                let (text, length) = HTMLEntities.decode(c, at: i)
                out.append(contentsOf: text.unicodeScalars); i += length
            case "*", "_", "~":
                var n = 0
                while i + n < c.count, c[i + n] == ch { n += 1 }
                let before = i > 0 ? c[i - 1] : " "
                let after = i + n < c.count ? c[i + n] : " "
                // Underscores inside words (snake_case) and lone `~` are text.
                let intraword = before.properties.isAlphabetic || before.properties.numericType != nil
                let afterWord = after.properties.isAlphabetic || after.properties.numericType != nil
                if (ch == "_" && intraword && afterWord) || (ch == "~" && n < 2) || (before.properties.isWhitespace && after.properties.isWhitespace) {
                    out.append(contentsOf: c[i..<(i + n)])
                }
                i += n
            default:
                out.append(ch); i += 1
            }
        }
        return TextLines.collapse(String(out))
    }

    /// `[text](url)`, `[text][ref]`, `[text]` at `i`: the text and the index after the link.
    private static func link(_ c: [Unicode.Scalar], at i: Int) -> (String, Int)? {
        var depth = 0
        var k = i
        while k < c.count {
            if c[k] == "[" { depth += 1 } else if c[k] == "]" { depth -= 1; if depth == 0 { break } }
            k += 1
        }
        guard k < c.count else { return nil }
        let text = String(String.UnicodeScalarView(c[(i + 1)..<k]))
        let next = k + 1
        if next < c.count, c[next] == "(" {
            var d = 0
            var e = next
            while e < c.count {
                if c[e] == "(" { d += 1 } else if c[e] == ")" { d -= 1; if d == 0 { return (text, e + 1) } }
                e += 1
            }
            return nil
        }
        if next < c.count, c[next] == "[", let close = c[next...].firstIndex(of: "]") { return (text, close + 1) }
        return (text, next)
    }

    private static func find(_ c: [Unicode.Scalar], run ch: Unicode.Scalar, count n: Int, from start: Int) -> Int? {
        var k = start
        while k + n <= c.count {
            if (0..<n).allSatisfy({ c[k + $0] == ch }) && (k + n == c.count || c[k + n] != ch) { return k }
            k += 1
        }
        return nil
    }

    private static func isTagOrAutolink(_ inner: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = inner.first else { return false }
        if first == "/" || first == "!" { return true }
        guard first.properties.isAlphabetic else { return false }
        return true
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIIPunctuation: Bool {
        value < 128 && !properties.isAlphabetic && !(48...57).contains(value) && !properties.isWhitespace
    }
}

extension StringProtocol {
    fileprivate var trimmingSpaces: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }

    /// The content of a block-quote line (`> text`), or nil.
    fileprivate var blockQuoteContent: String? {
        let t = drop { $0 == " " }
        guard t.first == ">" else { return nil }
        let rest = t.dropFirst()
        return String(rest.first == " " ? rest.dropFirst() : rest)
    }

    /// The fence (``` or ~~~, three or more) that opens a code block, or nil.
    fileprivate var fence: String? {
        for ch in ["`", "~"] {
            let n = prefix { String($0) == ch }.count
            if n >= 3 { return String(repeating: ch, count: n) }
        }
        return nil
    }

    fileprivate var isThematicBreak: Bool {
        let chars = filter { !$0.isWhitespace }
        guard chars.count >= 3, let f = chars.first, "*-_".contains(f) else { return false }
        return chars.allSatisfy { $0 == f }
    }

    fileprivate var isTableRule: Bool {
        contains("-") && allSatisfy { "|-: \t".contains($0) }
    }

    fileprivate var isLinkReferenceDefinition: Bool {
        guard first == "[", let close = firstIndex(of: "]") else { return false }
        let after = self[index(after: close)...]
        return after.hasPrefix(":") && close > index(after: startIndex)
    }

    /// The text of a list item line (`- x`, `* x`, `+ x`, `1. x`, `1) x`), or nil.
    fileprivate var listItemContent: String? {
        if let f = first, "-*+•".contains(f) {
            let rest = dropFirst()
            if rest.first == " " || rest.first == "\t" {
                var item = rest.trimmingSpaces
                // Task list boxes.
                for box in ["[ ] ", "[x] ", "[X] "] where item.hasPrefix(box) { item.removeFirst(box.count) }
                return item
            }
            return nil
        }
        let digits = prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9 else { return nil }
        let rest = dropFirst(digits.count)
        guard let marker = rest.first, marker == "." || marker == ")" else { return nil }
        let after = rest.dropFirst()
        guard after.first == " " || after.first == "\t" else { return nil }
        return after.trimmingSpaces
    }
}
