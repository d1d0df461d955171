import Formats
import Foundation
import Segmentation
import TMCore

/// A plain-text or Markdown file, split into blocks (paragraphs, headings, list items) and
/// sentences, and written out as XLIFF 2.0: one unit per block, one segment per sentence.
/// Markdown markup at the start of a block (`#`, `-`, `>`, `1.`) and the spaces between
/// sentences are kept as `<ignorable>`, so the text can be rebuilt from the XLIFF;
/// fenced code blocks and HTML comments are not translated.
final class TextDocument: PretranslatableDocument {
    struct Piece {
        var text: String
        var translatable: Bool
    }

    let file: String
    let markdown: Bool
    /// Blocks of pieces; translatable pieces are the segments, in order.
    let blocks: [[Piece]]
    let segments: [DocumentSegment]
    let declaredSource: LanguageTag? = nil
    let declaredTarget: LanguageTag? = nil
    /// The script of most letters, to guess the source language when the run does not say.
    let mostlyHangul: Bool

    init(data: Data, file: String, markdown: Bool, segmenter: Segmenter) throws {
        self.file = file
        self.markdown = markdown
        let text: String
        do {
            text = try TextFileReader.decode(data, file: file)
        } catch {
            throw PretranslationError.unreadable(file: file, reason: "\(error)".replacingOccurrences(of: "\(file): ", with: ""))
        }
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        var blocks: [[Piece]] = []
        for block in Self.blocks(normalized, markdown: markdown) {
            if !block.translatable {
                blocks.append([Piece(text: block.text, translatable: false)])
                continue
            }
            var pieces: [Piece] = []
            if !block.prefix.isEmpty { pieces.append(Piece(text: block.prefix, translatable: false)) }
            let body = block.text
            var cursor = body.startIndex
            for sentence in segmenter.sentences(in: body) {
                let trimmed = sentence.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !trimmed.isEmpty, let r = body.range(of: trimmed, range: cursor..<body.endIndex) else { continue }
                if cursor < r.lowerBound { pieces.append(Piece(text: String(body[cursor..<r.lowerBound]), translatable: false)) }
                pieces.append(Piece(text: trimmed, translatable: true))
                cursor = r.upperBound
            }
            if cursor < body.endIndex { pieces.append(Piece(text: String(body[cursor...]), translatable: false)) }
            blocks.append(pieces)
        }
        self.blocks = blocks
        segments = blocks.flatMap { $0.filter(\.translatable).map { DocumentSegment(source: $0.text.split(whereSeparator: \.isWhitespace).joined(separator: " ")) } }
        var hangul = 0
        var latin = 0
        for s in normalized.unicodeScalars where s.properties.isAlphabetic {
            if (0xAC00...0xD7A3).contains(s.value) || (0x1100...0x11FF).contains(s.value) || (0x3130...0x318F).contains(s.value) {
                hangul += 1
            } else if s.isASCII {
                latin += 1
            }
        }
        mostlyHangul = hangul > latin
    }

    func outputPath(for relativePath: String) -> String { relativePath + ".xlf" }

    /// A block of the file: its markup prefix, its text, and whether it is translated.
    struct Block {
        var prefix: String
        var text: String
        var translatable: Bool
    }

    /// Splits `text` into blocks at blank lines; in Markdown, fenced code stays whole and
    /// untranslated, and each heading, list item and quote line starts its own block.
    static func blocks(_ text: String, markdown: Bool) -> [Block] {
        var result: [Block] = []
        var paragraph: [String] = []
        var prefix = ""
        func flush() {
            if !paragraph.isEmpty {
                result.append(Block(prefix: prefix, text: paragraph.joined(separator: "\n"), translatable: true))
            }
            paragraph = []
            prefix = ""
        }
        var fence: String?
        var code: [String] = []
        for line in text.components(separatedBy: "\n") {
            if markdown {
                let stripped = line.trimmingCharacters(in: .whitespaces)
                if let f = fence {
                    code.append(line)
                    if stripped.hasPrefix(f) {
                        result.append(Block(prefix: "", text: code.joined(separator: "\n"), translatable: false))
                        code = []
                        fence = nil
                    }
                    continue
                }
                if stripped.hasPrefix("```") || stripped.hasPrefix("~~~") {
                    flush()
                    fence = String(stripped.prefix(3))
                    code = [line]
                    continue
                }
                if stripped.hasPrefix("<!--") || stripped.hasPrefix("|") || stripped.hasPrefix("    ") {
                    flush()
                    result.append(Block(prefix: "", text: line, translatable: false))
                    continue
                }
                if let marker = markupPrefix(line) {
                    flush()
                    prefix = marker
                    let rest = String(line.dropFirst(marker.count))
                    if rest.trimmingCharacters(in: .whitespaces).isEmpty {
                        result.append(Block(prefix: "", text: line, translatable: false))
                        prefix = ""
                    } else {
                        paragraph = [rest]
                    }
                    continue
                }
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                flush()
            } else {
                paragraph.append(line)
            }
        }
        if !code.isEmpty { result.append(Block(prefix: "", text: code.joined(separator: "\n"), translatable: false)) }
        flush()
        return result
    }

    /// The Markdown markup that starts `line` (`## `, `- `, `* `, `1. `, `> `), if any.
    static func markupPrefix(_ line: String) -> String? {
        let scalars = Array(line)
        var i = 0
        while i < scalars.count && scalars[i] == " " { i += 1 }
        let start = i
        guard i < scalars.count else { return nil }
        if scalars[i] == "#" {
            while i < scalars.count && scalars[i] == "#" { i += 1 }
            guard i - start <= 6, i == scalars.count || scalars[i] == " " else { return nil }
        } else if scalars[i] == ">" {
            i += 1
        } else if "-*+".contains(scalars[i]), i + 1 < scalars.count, scalars[i + 1] == " " {
            i += 1
        } else if scalars[i].isNumber {
            while i < scalars.count && scalars[i].isNumber { i += 1 }
            guard i < scalars.count, scalars[i] == "." || scalars[i] == ")", i + 1 < scalars.count, scalars[i + 1] == " " else { return nil }
            i += 1
        } else {
            return nil
        }
        while i < scalars.count && scalars[i] == " " { i += 1 }
        return String(scalars[0..<i])
    }

    // MARK: writing

    func rendered(_ results: [SegmentResult], languages: LanguagePair) throws -> Data {
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x += "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:mtc=\"\(XLIFFDocument.matchesNamespace)\""
        x += " version=\"2.0\" srcLang=\"\(XMLEscape.markup(languages.source.code))\" trgLang=\"\(XMLEscape.markup(languages.target.code))\">\n"
        let original = (file as NSString).lastPathComponent
        x += "  <file id=\"f1\" original=\"\(XMLEscape.markup(original))\">\n"
        var k = 0
        var segmentNumber = 0
        for (b, pieces) in blocks.enumerated() {
            let unitResults = pieces.filter(\.translatable).indices.map { _ -> SegmentResult in
                defer { k += 1 }
                return results[k]
            }
            let translatable = !unitResults.isEmpty
            x += "    <unit id=\"u\(b + 1)\"\(translatable ? "" : " translate=\"no\"")>\n"
            var matches = ""
            var notes = ""
            var seenTerms = Set<String>()
            var body = ""
            var r = 0
            for piece in pieces {
                if !piece.translatable {
                    body += "      <ignorable><source xml:space=\"preserve\">\(XMLEscape.markup(piece.text))</source></ignorable>\n"
                    continue
                }
                segmentNumber += 1
                let result = unitResults[r]
                r += 1
                let id = "s\(segmentNumber)"
                if let m = result.fill {
                    body += "      <segment id=\"\(id)\" state=\"\(result.isExact ? "translated" : "initial")\">\n"
                    body += "        <source>\(XMLEscape.markup(piece.text))</source>\n"
                    body += "        <target>\(XMLEscape.markup(m.target))</target>\n"
                    body += "      </segment>\n"
                    matches += "        <mtc:match ref=\"#\(id)\" similarity=\"\(min(m.score, 100))\" origin=\"\(XMLEscape.markup(m.origin))\" type=\"tm\"\(m.score > 100 ? " subType=\"tmkit:context-match\"" : "")>\n"
                    matches += "          <source>\(XMLEscape.markup(m.source))</source>\n"
                    matches += "          <target>\(XMLEscape.markup(m.target))</target>\n"
                    matches += "        </mtc:match>\n"
                } else {
                    body += "      <segment id=\"\(id)\">\n"
                    body += "        <source>\(XMLEscape.markup(piece.text))</source>\n"
                    body += "      </segment>\n"
                }
                for term in result.terms where seenTerms.insert(term.noteText).inserted {
                    notes += "        <note category=\"terminology\" appliesTo=\"source\">\(XMLEscape.markup(term.noteText))</note>\n"
                }
            }
            if !matches.isEmpty { x += "      <mtc:matches>\n\(matches)      </mtc:matches>\n" }
            if !notes.isEmpty { x += "      <notes>\n\(notes)      </notes>\n" }
            if translatable {
                x += body
            } else {
                // A unit needs a segment: untranslated text (code, tables) is one, marked translate="no".
                let text = pieces.map(\.text).joined()
                x += "      <segment>\n        <source xml:space=\"preserve\">\(XMLEscape.markup(text))</source>\n      </segment>\n"
            }
            x += "    </unit>\n"
        }
        x += "  </file>\n</xliff>\n"
        return Data(x.utf8)
    }
}
