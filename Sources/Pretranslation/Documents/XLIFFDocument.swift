import Foundation
import TMCore
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An XLIFF 1.2 or 2.x file, edited as a DOM so that everything tmkit does not fill
/// (other elements and attributes, notes, inline codes, namespaces, comments) stays as it was.
///
/// 1.2: `<target state="translated" state-qualifier="exact-match">` (or `needs-review-translation`
/// and `fuzzy-match`), the match as `<alt-trans match-quality="92" origin="tmkit">`, terms as
/// `<note from="tmkit-glossary">`. 2.x: `<segment state="translated|initial">`, the match as an
/// `<mtc:match similarity="92" origin="tmkit">` candidate, terms as `<note category="terminology">`.
final class XLIFFDocument: PretranslatableDocument {
    enum Version { case v1, v2 }

    static let matchesNamespace = "urn:oasis:names:tc:xliff:matches:2.0"
    static let glossaryNoteFrom = "tmkit-glossary"

    let file: String
    let document: XMLDocument
    let version: Version
    let declaration: String?
    private(set) var segments: [DocumentSegment] = []
    private(set) var declaredSource: LanguageTag?
    private(set) var declaredTarget: LanguageTag?
    /// Where a segment is: its unit (1.2 `trans-unit`, 2.x `unit`), the element holding source
    /// and target (1.2: the trans-unit; 2.x: the segment) and, for a 1.2 unit segmented in
    /// `<seg-source>`, the `mid` of its `<mrk mtype="seg">`.
    struct Place {
        var unit: XMLElement
        var holder: XMLElement
        var mid: String? = nil
    }

    private(set) var places: [Place] = []

    init(data: Data, file: String) throws {
        self.file = file
        document = try XMLCheck.document(data, file: file)
        declaration = Self.declaration(in: data)
        guard let root = document.rootElement(), root.local == "xliff" else {
            throw PretranslationError.unsupported(file: file, reason: "not an XLIFF file (the root element is not <xliff>)")
        }
        let v = root.value(of: "version") ?? ""
        if v.hasPrefix("1.") {
            version = .v1
        } else if v.hasPrefix("2.") {
            version = .v2
        } else {
            throw PretranslationError.unsupported(file: file, reason: "XLIFF version \"\(v)\" (tmkit reads 1.x and 2.x)")
        }
        switch version {
        case .v1: try collect12(root)
        case .v2: try collect2(root)
        }
    }

    func outputPath(for relativePath: String) -> String { relativePath }

    // MARK: reading

    private func language(_ code: String?) throws -> LanguageTag? {
        guard let code, !code.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let tag = LanguageTag(code.trimmingCharacters(in: .whitespaces)) else {
            throw PretranslationError.unsupported(file: file, reason: "\"\(code)\" is not a language tag")
        }
        return tag
    }

    private func collect12(_ root: XMLElement) throws {
        for fileElement in root.elementChildren where fileElement.local == "file" {
            let s = try language(fileElement.value(of: "source-language"))
            let t = try language(fileElement.value(of: "target-language"))
            if let s, declaredSource == nil { declaredSource = s }
            if let t, declaredTarget == nil { declaredTarget = t }
            if let s, let d = declaredSource, s != d {
                throw PretranslationError.unsupported(file: file, reason: "its <file> elements have different source languages (\(d), \(s))")
            }
            walk12(fileElement)
        }
    }

    private func walk12(_ element: XMLElement) {
        for child in element.elementChildren {
            switch child.local {
            case "trans-unit":
                guard child.value(of: "translate") != "no", let source = child.child("source") else { continue }
                let marks = child.child("seg-source").map { Self.segmentMarks(in: $0) } ?? []
                if !marks.isEmpty {
                    let targetMarks = child.child("target").map { Self.segmentMarks(in: $0) } ?? []
                    for mark in marks {
                        var codes = 0
                        let text = Self.plainText(mark, codes: &codes)
                        guard !text.isEmpty, let mid = mark.value(of: "mid") else { continue }
                        var ignored = 0
                        let translated = targetMarks.first { $0.value(of: "mid") == mid }.map { !Self.plainText($0, codes: &ignored).isEmpty } ?? false
                        segments.append(DocumentSegment(source: text, context: child.value(of: "resname"), isTranslated: translated, inlineCodes: codes))
                        places.append(Place(unit: child, holder: child, mid: mid))
                    }
                    continue
                }
                var codes = 0
                let text = Self.plainText(source, codes: &codes)
                guard !text.isEmpty else { continue }
                var ignored = 0
                let translated = child.child("target").map { !Self.plainText($0, codes: &ignored).isEmpty } ?? false
                segments.append(DocumentSegment(source: text, context: child.value(of: "resname"), isTranslated: translated, inlineCodes: codes))
                places.append(Place(unit: child, holder: child))
            case "group", "body":
                if child.value(of: "translate") == "no" { continue }
                walk12(child)
            default:
                continue
            }
        }
    }

    private func collect2(_ root: XMLElement) throws {
        declaredSource = try language(root.value(of: "srcLang"))
        declaredTarget = try language(root.value(of: "trgLang"))
        for fileElement in root.elementChildren where fileElement.local == "file" {
            walk2(fileElement)
        }
    }

    private func walk2(_ element: XMLElement) {
        for child in element.elementChildren {
            switch child.local {
            case "unit":
                guard child.value(of: "translate") != "no" else { continue }
                for segment in child.elementChildren where segment.local == "segment" {
                    guard let source = segment.child("source") else { continue }
                    var codes = 0
                    let text = Self.plainText(source, codes: &codes)
                    guard !text.isEmpty else { continue }
                    var ignored = 0
                    let translated = segment.child("target").map { !Self.plainText($0, codes: &ignored).isEmpty } ?? false
                    segments.append(DocumentSegment(source: text, context: child.value(of: "name"), isTranslated: translated, inlineCodes: codes))
                    places.append(Place(unit: child, holder: segment))
                }
            case "group":
                if child.value(of: "translate") == "no" { continue }
                walk2(child)
            default:
                continue
            }
        }
    }

    /// The `<mrk mtype="seg">` elements under `element`, in document order.
    static func segmentMarks(in element: XMLElement) -> [XMLElement] {
        var found: [XMLElement] = []
        func visit(_ e: XMLElement) {
            for c in e.elementChildren {
                if c.local == "mrk" && c.value(of: "mtype") == "seg" { found.append(c) } else { visit(c) }
            }
        }
        visit(element)
        return found
    }

    /// Inline elements whose content is text to translate; the others hold codes.
    private static let textInline: Set<String> = ["g", "mrk", "pc"]
    private static let markers: Set<String> = ["mrk", "sm", "em"]

    /// The text of `element`, codes left out and white space collapsed; counts inline codes.
    static func plainText(_ element: XMLElement, codes: inout Int) -> String {
        var raw = ""
        func visit(_ node: XMLNode) {
            for child in node.children ?? [] {
                switch child.kind {
                case .text:
                    raw += child.stringValue ?? ""
                case .element:
                    let name = child.local
                    if !markers.contains(name) { codes += 1 }
                    if textInline.contains(name) { visit(child) }
                default:
                    continue
                }
            }
        }
        visit(element)
        return raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The document's own XML declaration, to write back unchanged (UTF-16 becomes UTF-8).
    static func declaration(in data: Data) -> String? {
        guard let text = String(data: data.prefix(400), encoding: .utf8) ?? String(data: data.prefix(800), encoding: .utf16) else { return nil }
        let trimmed = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        guard trimmed.hasPrefix("<?xml"), let end = trimmed.range(of: "?>") else { return nil }
        let decl = String(trimmed[..<end.upperBound])
        if decl.lowercased().contains("utf-16") {
            return decl.replacingOccurrences(of: "(?i)utf-16(le|be)?", with: "UTF-8", options: .regularExpression)
        }
        return decl
    }

    // MARK: writing

    func rendered(_ results: [SegmentResult], languages: LanguagePair) throws -> Data {
        precondition(results.count == segments.count)
        switch version {
        case .v1: apply12(results, languages: languages)
        case .v2: apply2(results, languages: languages)
        }
        var xml = document.xmlString(options: [.nodePreserveEmptyElements, .nodePreserveCDATA])
        if xml.hasPrefix("<?xml"), let end = xml.range(of: "?>") {
            xml.replaceSubrange(xml.startIndex..<end.upperBound, with: declaration ?? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
        }
        if !xml.hasSuffix("\n") { xml += "\n" }
        return Data(xml.utf8)
    }
}
