import Foundation
import TMCore

/// The element handler behind `XLIFFReader`, for both XLIFF 1.2 and 2.x.
final class XLIFFHandler: XMLEventHandler {
    let file: String
    let options: ReadOptions
    let body: (TranslationUnit) throws -> Void
    var summary = ReadSummary()
    var sawRoot = false

    var version2 = false
    /// Languages of the current file (1.2 `file`, 2.x root).
    var source: LanguageTag?
    var target: LanguageTag?
    var swapped = false
    var languagePosition = (line: 1, column: 1)

    /// One unit being collected (a 1.2 trans-unit or a 2.x unit).
    struct PendingUnit {
        var line = 0, column = 0
        var id: String?
        var name: String?
        var translatable = true
        var isHeader = false
        var notes: [String] = []
        var data: [String: String] = [:]
        var segments: [PendingSegment] = []
    }
    struct PendingSegment {
        var id: String?
        var state: String?
        var source: String?
        var target: String?
        var targetLanguage: LanguageTag?
    }
    var unit: PendingUnit?
    var segment: PendingSegment?
    /// Units a unit nested in them interrupted (a `trans-unit` inside a `trans-unit`, which
    /// no schema allows but files have): each is taken up again, and read whole, after it.
    var interrupted: [(unit: PendingUnit, segment: PendingSegment?)] = []

    /// Text being collected, and for which element.
    enum Sink { case source, target, note, data(String) }
    var sink: Sink?
    var text = ""
    /// Depth of an element whose content is ignored (alt-trans, seg-source, matches...).
    var skipDepth = 0
    /// Inline elements open inside source/target, with what to write at their end.
    var inlineEnds: [String?] = []
    /// A 1.2 `ph`/`bpt`/`ept`/`it` being read as a code: its text is the native content.
    var codeCapture: InlineCode?
    /// Native-code elements (1.2 ph/bpt/ept/it, 2.x data) whose text is kept.
    static let skippedSubtrees: Set<String> = ["alt-trans", "seg-source", "matches", "glossary", "bin-unit", "ignorable", "metadata", "changeTrack"]

    init(file: String, options: ReadOptions, body: @escaping (TranslationUnit) throws -> Void) {
        self.file = file
        self.options = options
        self.body = body
    }

    static func attribute(_ a: [String: String], _ name: String) -> String? {
        if let v = a[name] { return v }
        return a.first { $0.key.lowercased() == name.lowercased() }?.value
    }

    func language(_ code: String?, line: Int, column: Int) throws -> LanguageTag? {
        guard let code, !code.isEmpty else { return nil }
        return try LanguageCheck.tag(code, file: file, line: line, column: column)
    }

    func start(_ name: String, attributes a: [String: String], line: Int, column: Int) throws {
        if skipDepth > 0 { skipDepth += 1; return }
        if sink != nil { try startInline(name, a); return }
        if Self.skippedSubtrees.contains(name) { skipDepth = 1; return }
        switch name {
        case "xliff":
            sawRoot = true
            version2 = (Self.attribute(a, "version") ?? "").hasPrefix("2")
            if version2 {
                try setLanguages(Self.attribute(a, "srcLang"), Self.attribute(a, "trgLang"), line: line, column: column)
            }
        case "file" where !version2:
            try setLanguages(Self.attribute(a, "source-language"), Self.attribute(a, "target-language"), line: line, column: column)
        case "trans-unit", "unit":
            if let outer = unit { interrupted.append((outer, segment)) }
            segment = nil
            unit = PendingUnit(line: line, column: column, id: Self.attribute(a, "id"),
                               name: Self.attribute(a, version2 ? "name" : "resname"),
                               translatable: Self.attribute(a, "translate")?.lowercased() != "no")
            unit!.isHeader = Self.attribute(a, "restype") == "x-gettext-domain-header"
            if !version2 { segment = PendingSegment() }
        case "segment" where version2 && unit != nil:
            segment = PendingSegment(id: Self.attribute(a, "id"), state: Self.attribute(a, "state"))
        case "source" where segment != nil:
            sink = .source
            text = ""
        case "target" where segment != nil:
            sink = .target
            text = ""
            if !version2 {
                segment!.state = Self.attribute(a, "state")
                segment!.targetLanguage = try language(Self.attribute(a, "xml:lang"), line: line, column: column)
            }
        case "note" where unit != nil:
            sink = .note
            text = ""
        case "data" where version2 && unit != nil:
            sink = .data(Self.attribute(a, "id") ?? "")
            text = ""
        default:
            break
        }
    }

    func parserNote(_ message: String) { summary.notes.append(message) }

    func text(_ string: String) throws {
        guard skipDepth == 0 && sink != nil else { return }
        let inSegment: Bool
        switch sink {
        case .source?, .target?: inSegment = true
        default: inSegment = false
        }
        if !options.keepsInlineCodes || !inSegment {
            text += string
        } else if codeCapture != nil {
            codeCapture!.native += string
        } else {
            text += CodedText.encode([.text(string)])
        }
    }

    func end(_ name: String) throws {
        if skipDepth > 0 { skipDepth -= 1; return }
        if sink != nil && !inlineEnds.isEmpty {
            if let closing = inlineEnds.removeLast() {
                if closing == Self.captureEnd, let code = codeCapture {
                    text += CodedText.encode([.code(code)])
                    codeCapture = nil
                } else {
                    text += closing
                }
            }
            return
        }
        switch (name, sink) {
        case ("source", .source?): segment?.source = text; sink = nil
        case ("target", .target?): segment?.target = text; sink = nil
        case ("note", .note?): unit?.notes.append(text); sink = nil
        case let ("data", .data(id)?): unit?.data[id] = text; sink = nil
        case ("segment", _):
            if let s = segment { unit?.segments.append(s) }
            segment = nil
        case ("trans-unit", _), ("unit", _):
            if !version2, let s = segment { unit?.segments.append(s) }
            segment = nil
            if let u = unit { try emit(u) }
            let outer = interrupted.popLast()
            unit = outer?.unit
            segment = outer?.segment
        case ("file", _) where !version2:
            source = nil
            target = nil
        default:
            break
        }
    }
}
