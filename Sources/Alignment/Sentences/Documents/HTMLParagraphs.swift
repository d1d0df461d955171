/// The text content of an HTML document, paragraph by paragraph.
///
/// A tolerant scanner, not an XML parser: HTML is not XML (unclosed `<p>` and `<li>`, bare `&`,
/// `<br>` without a slash are all normal). Tags are stripped, character references decoded,
/// `head`, `script`, `style`, `template` and comments skipped, and block elements end paragraphs.
enum HTMLParagraphs {
    static let blockElements: Set<String> = [
        "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "pre", "div", "br", "tr", "td", "th",
        "ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "caption", "blockquote", "section", "article",
        "header", "footer", "nav", "aside", "main", "figure", "figcaption", "hr", "address", "title",
        "body", "html", "form", "fieldset", "legend", "details", "summary", "option", "center",
    ]
    /// Elements whose content is not text of the document.
    static let skippedElements: Set<String> = ["head", "script", "style", "template", "noscript", "svg", "math"]

    static func paragraphs(of html: String) -> [DocumentParagraph] {
        let s = Array(html.unicodeScalars)
        var scanner = Scanner(s: s)
        scanner.run()
        return scanner.paragraphs
    }

    private struct Scanner {
        let s: [Unicode.Scalar]
        var i = 0
        var paragraphs: [DocumentParagraph] = []
        var headingDepth = 0
        var itemDepth = 0
        var listStack: [Int] = []
        var current = String.UnicodeScalarView()
        var currentIsPre = false
        var preDepth = 0

        init(s: [Unicode.Scalar]) { self.s = s }

        mutating func run() {
            while i < s.count {
                let c = s[i]
                if c == "<", let next = peek(1), next.properties.isAlphabetic || next == "/" || next == "!" || next == "?" {
                    tag()
                } else if c == "&" {
                    let (decoded, length) = HTMLEntities.decode(s, at: i)
                    append(decoded)
                    i += length
                } else {
                    append(String(c))
                    i += 1
                }
            }
            flush()
        }

        func peek(_ k: Int) -> Unicode.Scalar? { i + k < s.count ? s[i + k] : nil }

        func starts(with text: String, at p: Int) -> Bool {
            var k = p
            for u in text.unicodeScalars {
                guard k < s.count, Self.lower(s[k]) == u else { return false }
                k += 1
            }
            return true
        }

        static func lower(_ u: Unicode.Scalar) -> Unicode.Scalar {
            (u.value >= 65 && u.value <= 90) ? Unicode.Scalar(u.value + 32)! : u
        }

        mutating func append(_ text: String) {
            if preDepth > 0 { currentIsPre = true }
            current.append(contentsOf: text.unicodeScalars)
        }

        mutating func flush() {
            let text = String(current)
            let paragraph = currentIsPre ? TextLines.codeBlock(text) : TextLines.collapse(text)
            if !paragraph.isEmpty {
                let role: DocumentParagraph.Role = currentIsPre ? .code : headingDepth > 0 ? .heading : itemDepth > 0 ? .listItem : .paragraph
                paragraphs.append(DocumentParagraph(paragraph, role: role))
            }
            current = String.UnicodeScalarView()
            currentIsPre = false
        }

        /// Index just past the next occurrence of `text` from `p`, or the end of input.
        func indexAfter(_ text: String, from p: Int) -> Int {
            var k = p
            while k < s.count {
                if starts(with: text, at: k) { return k + text.unicodeScalars.count }
                k += 1
            }
            return s.count
        }

        mutating func tag() {
            if starts(with: "<!--", at: i) { i = indexAfter("-->", from: i + 4); return }
            if starts(with: "<![cdata[", at: i) {
                let end = indexAfter("]]>", from: i + 9)
                let stop = max(i + 9, end - 3)
                append(String(String.UnicodeScalarView(s[min(i + 9, s.count)..<min(stop, s.count)])))
                i = end
                return
            }
            if s[i + 1] == "!" || s[i + 1] == "?" { i = indexAfter(">", from: i + 2); return }
            let closing = s[i + 1] == "/"
            var k = i + (closing ? 2 : 1)
            var name = ""
            while k < s.count, s[k].properties.isAlphabetic || ("0"..."9").contains(s[k]) || s[k] == "-" || s[k] == ":" {
                name.unicodeScalars.append(Self.lower(s[k]))
                k += 1
            }
            // Skip attributes up to the closing '>', honouring quotes.
            var quote: Unicode.Scalar?
            while k < s.count {
                let c = s[k]
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == ">" {
                    break
                }
                k += 1
            }
            let selfClosing = k > 0 && k - 1 < s.count && s[k - 1] == "/"
            i = min(k + 1, s.count)
            if let colon = name.lastIndex(of: ":") { name = String(name[name.index(after: colon)...]) }
            if !closing && !selfClosing && Self.isSkipped(name) {
                i = indexAfterClosing(name)
                return
            }
            if Self.isBlock(name) {
                flush()
                func count(_ depth: inout Int) {
                    if closing { depth = max(0, depth - 1) } else if !selfClosing { depth += 1 }
                }
                switch name {
                case "pre": count(&preDepth)
                case "h1", "h2", "h3", "h4", "h5", "h6": count(&headingDepth)
                case "ul", "ol", "dl":
                    // Closing a list closes its items, even those without `</li>`.
                    if closing { itemDepth = listStack.popLast() ?? 0 } else if !selfClosing { listStack.append(itemDepth) }
                case "li", "dt":
                    if closing {
                        itemDepth = max(listStack.last ?? 0, itemDepth - 1)
                    } else if !selfClosing {
                        // A new item closes the previous one of the same list.
                        itemDepth = (listStack.last ?? 0) + 1
                    }
                default: break
                }
            }
        }

        /// Index after `</name ...>` (or the end of input).
        func indexAfterClosing(_ name: String) -> Int {
            var k = i
            while k < s.count {
                if s[k] == "<", k + 1 < s.count, s[k + 1] == "/", starts(with: name, at: k + 2) {
                    let after = k + 2 + name.unicodeScalars.count
                    if after >= s.count || !(s[after].properties.isAlphabetic || ("0"..."9").contains(s[after])) {
                        return indexAfter(">", from: after)
                    }
                }
                k += 1
            }
            return s.count
        }

        static func isBlock(_ name: String) -> Bool { HTMLParagraphs.blockElements.contains(name) }
        static func isSkipped(_ name: String) -> Bool { HTMLParagraphs.skippedElements.contains(name) }
    }
}
