import Formats
import Foundation
import TMCore

/// An XLIFF 1.2 or 2.x file, edited as a tree (`XMLTree`) so that everything tmkit does not fill
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
    /// The 1.2 note `from` (2.x note `category`) that says how a fill was repaired.
    static let repairNoteFrom = "tmkit-repair"
    /// The 1.2 `state-qualifier` of a repaired fuzzy fill (an `x-` extension value).
    static let repairedQualifier = "x-tmkit-repaired"

    let file: String
    let tree: XMLTree
    let version: Version
    private(set) var segments: [DocumentSegment] = []
    private(set) var declaredSource: LanguageTag?
    private(set) var declaredTarget: LanguageTag?
    /// Where a segment is: its unit (1.2 `trans-unit`, 2.x `unit`), the element holding source
    /// and target (1.2: the trans-unit; 2.x: the segment) and, for a 1.2 unit segmented in
    /// `<seg-source>`, the `mid` of its `<mrk mtype="seg">`.
    struct Place {
        var unit: XMLTreeElement
        var holder: XMLTreeElement
        var mid: String? = nil
        /// The source's leading and trailing white space, kept around the target where
        /// `xml:space="preserve"` applies (empty otherwise).
        var padding = Padding()
    }

    struct Padding: Hashable {
        var leading = ""
        var trailing = ""
        func around(_ text: String) -> String { leading + text + trailing }
    }

    /// Set by the run before `rendered`: exact 1.2 fills get `approved="yes"` (`--approve-exact`).
    var approveExact = false

    private(set) var places: [Place] = []

    init(data: Data, file: String) throws {
        self.file = file
        tree = try Self.parse(data, file: file)
        let root = tree.root
        guard root.local == "xliff" else {
            throw PretranslationError.unsupported(file: file, reason: "not an XLIFF file (the root element is not <xliff>)")
        }
        let v = root.attribute("version") ?? ""
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

    /// The tree of `data`, read by the secure XML layer; its errors become `malformed` with the position.
    static func parse(_ data: Data, file: String) throws -> XMLTree {
        do {
            return try XMLTree.parse(data: data, file: file)
        } catch let error as FormatError {
            switch error {
            case let .malformedXML(file, line, column, reason): throw PretranslationError.malformed(file: file, line: line, column: column, reason: reason)
            case let .refusedXML(file, line, column, reason): throw PretranslationError.malformed(file: file, line: line, column: column, reason: "refused: " + reason)
            case .empty: throw PretranslationError.malformed(file: file, line: 1, column: 1, reason: "no root element (empty document?)")
            default: throw PretranslationError.unreadable(file: file, reason: error.description)
            }
        }
    }

    // MARK: reading

    private func language(_ code: String?) throws -> LanguageTag? {
        guard let code, !code.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let tag = LanguageTag(code.trimmingCharacters(in: .whitespaces)) else {
            throw PretranslationError.unsupported(file: file, reason: "\"\(code)\" is not a language tag")
        }
        return tag
    }

    private func collect12(_ root: XMLTreeElement) throws {
        for fileElement in root.elementChildren where fileElement.local == "file" {
            let s = try language(fileElement.attribute("source-language"))
            let t = try language(fileElement.attribute("target-language"))
            if let s, declaredSource == nil { declaredSource = s }
            if let t, declaredTarget == nil { declaredTarget = t }
            if let s, let d = declaredSource, s != d {
                throw PretranslationError.unsupported(file: file, reason: "its <file> elements have different source languages (\(d), \(s))")
            }
            walk12(fileElement)
        }
    }

    private func walk12(_ element: XMLTreeElement) {
        for child in Self.units("trans-unit", in: element, through: ["group", "body"]) {
            guard child.attribute("translate") != "no", let source = child.child("source") else { continue }
            let target = child.child("target")
            let marks = child.child("seg-source").map { Self.segmentMarks(in: $0) } ?? []
            if !marks.isEmpty {
                let targetMarks = target.map { Self.segmentMarks(in: $0) } ?? []
                for mark in marks {
                    var codes = 0
                    let text = Self.plainText(mark, codes: &codes)
                    guard !text.isEmpty, let mid = mark.attribute("mid") else { continue }
                    let translated = Self.isTranslated12(unit: child, source: mark, target: targetMarks.first { $0.attribute("mid") == mid },
                                                         state: target?.attribute("state"))
                    segments.append(DocumentSegment(source: text, context: child.attribute("resname"), isTranslated: translated, inlineCodes: codes))
                    places.append(Place(unit: child, holder: child, mid: mid, padding: Self.padding(of: mark)))
                }
                continue
            }
            var codes = 0
            let text = Self.plainText(source, codes: &codes)
            guard !text.isEmpty else { continue }
            let translated = Self.isTranslated12(unit: child, source: source, target: target, state: target?.attribute("state"))
            segments.append(DocumentSegment(source: text, context: child.attribute("resname"), isTranslated: translated, inlineCodes: codes))
            places.append(Place(unit: child, holder: child, padding: Self.padding(of: source)))
        }
    }

    /// 1.2 states that say a target still needs translating.
    static let untranslatedStates12: Set<String> = ["new", "needs-translation"]
    /// States (1.2 and 2.x) that say a target equal to its source is a translation all the same.
    static let settledStates: Set<String> = ["translated", "final", "signed-off", "reviewed"]

    /// Whether a 1.2 target counts as a translation: not empty, not in an untranslated state, and
    /// not a copy of the source unless its state (or `approved="yes"`) says it was translated so.
    static func isTranslated12(unit: XMLTreeElement, source: XMLTreeElement, target: XMLTreeElement?, state: String?) -> Bool {
        guard let target else { return false }
        var ignored = 0
        let text = plainText(target, codes: &ignored)
        if text.isEmpty { return false }
        if let state, untranslatedStates12.contains(state) { return false }
        if text == plainText(source, codes: &ignored) {
            return unit.attribute("approved") == "yes" || state.map(settledStates.contains) == true
        }
        return true
    }

    /// Whether a 2.x segment's target counts as a translation: not empty, the segment not
    /// `state="initial"`, and not a copy of the source unless the state is a later one.
    static func isTranslated2(segment: XMLTreeElement, source: XMLTreeElement) -> Bool {
        guard let target = segment.child("target") else { return false }
        var ignored = 0
        let text = plainText(target, codes: &ignored)
        let state = segment.attribute("state")
        if text.isEmpty || state == "initial" { return false }
        if text == plainText(source, codes: &ignored) { return state.map(settledStates.contains) == true }
        return true
    }

    /// Whether `xml:space="preserve"` applies to `element` (set on it or the nearest ancestor that says).
    static func preservesSpace(_ element: XMLTreeElement) -> Bool {
        var e: XMLTreeElement? = element
        while let current = e {
            if let v = current.attribute("xml:space") { return v == "preserve" }
            e = current.parent
        }
        return false
    }

    /// The leading and trailing white space of `source`'s text, where white space is preserved.
    static func padding(of source: XMLTreeElement) -> Padding {
        guard preservesSpace(source) else { return Padding() }
        var raw = ""
        for child in source.children {
            switch child {
            case let .text(s), let .cdata(s): raw += s
            default: raw += "\u{FFFC}"
            }
        }
        let leading = String(raw.prefix { $0.isWhitespace })
        guard leading.count < raw.count else { return Padding() }
        let trailing = String(raw.reversed().prefix { $0.isWhitespace }.reversed())
        return Padding(leading: leading, trailing: trailing)
    }

    private func collect2(_ root: XMLTreeElement) throws {
        declaredSource = try language(root.attribute("srcLang"))
        declaredTarget = try language(root.attribute("trgLang"))
        for fileElement in root.elementChildren where fileElement.local == "file" {
            walk2(fileElement)
        }
    }

    private func walk2(_ element: XMLTreeElement) {
        for child in Self.units("unit", in: element, through: ["group"]) {
            guard child.attribute("translate") != "no" else { continue }
            for segment in child.elementChildren where segment.local == "segment" {
                guard let source = segment.child("source") else { continue }
                var codes = 0
                let text = Self.plainText(source, codes: &codes)
                guard !text.isEmpty else { continue }
                let translated = Self.isTranslated2(segment: segment, source: source)
                segments.append(DocumentSegment(source: text, context: child.attribute("name"), isTranslated: translated, inlineCodes: codes))
                places.append(Place(unit: child, holder: segment, padding: Self.padding(of: source)))
            }
        }
    }

    /// The `unitName` elements under `element` in document order, through `containers` (groups)
    /// that are not `translate="no"`; without recursion, so that any nesting depth is walked.
    static func units(_ unitName: String, in element: XMLTreeElement, through containers: Set<String>) -> [XMLTreeElement] {
        var found: [XMLTreeElement] = []
        var stack: [XMLTreeElement] = element.elementChildren.reversed()
        while let e = stack.popLast() {
            if e.local == unitName {
                found.append(e)
            } else if containers.contains(e.local), e.attribute("translate") != "no" {
                stack.append(contentsOf: e.elementChildren.reversed())
            }
        }
        return found
    }

    /// The `<mrk mtype="seg">` elements under `element`, in document order.
    static func segmentMarks(in element: XMLTreeElement) -> [XMLTreeElement] {
        element.descendants { $0.local == "mrk" && $0.attribute("mtype") == "seg" }
    }

    /// Inline elements whose content is text to translate; the others hold codes.
    private static let textInline: Set<String> = ["g", "mrk", "pc"]
    private static let markers: Set<String> = ["mrk", "sm", "em"]

    /// The text of `element`, codes left out and white space collapsed; counts inline codes.
    static func plainText(_ element: XMLTreeElement, codes: inout Int) -> String {
        var raw = ""
        func visit(_ e: XMLTreeElement) {
            for child in e.children {
                switch child {
                case let .text(s), let .cdata(s):
                    raw += s
                case let .element(c):
                    if !markers.contains(c.local) { codes += 1 }
                    if textInline.contains(c.local) { visit(c) }
                default:
                    continue
                }
            }
        }
        visit(element)
        return raw.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    // MARK: writing

    func rendered(_ results: [SegmentResult], languages: LanguagePair) throws -> Data {
        precondition(results.count == segments.count)
        switch version {
        case .v1: apply12(results, languages: languages)
        case .v2: apply2(results, languages: languages)
        }
        let xml = tree.serialized()
        return Data(xml.utf8)
    }
}
