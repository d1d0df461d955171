import Foundation
import TMCore

/// The TMX element handler behind `TMXReader`: collects one `tu` at a time and hands it on.
final class TMXHandler: XMLEventHandler {
    private let file: String
    private let options: ReadOptions
    private let body: (TranslationUnit) throws -> Void
    var summary = ReadSummary()
    var sawRoot = false

    private var headerSource: LanguageTag?
    private var source: LanguageTag?
    private var target: LanguageTag?

    private struct Variant { var language: LanguageTag; var text: String }
    private struct PendingTU {
        var line = 0, column = 0
        var attributes: [String: String] = [:]
        var sourceLanguage: LanguageTag?
        var variants: [Variant] = []
        var properties: [TranslationUnit.Property] = []
        var notes: [String] = []
        var context: String?
    }
    /// The unit being read; an outer unit waits here while a `tu` nested in it is read
    /// (TMX does not allow that, but both are read in full rather than one lost).
    private var tu: PendingTU?
    private var outer: [PendingTU] = []
    private var tuvLanguage: LanguageTag?
    private var segText: String?
    private var segDepth = 0
    private var propType: String?
    private var collecting: String?
    /// Language codes already checked (a TMX repeats the same few codes on every tuv).
    private var checked: [String: LanguageTag] = [:]

    init(file: String, options: ReadOptions, body: @escaping (TranslationUnit) throws -> Void) {
        self.file = file
        self.options = options
        self.body = body
        source = options.sourceLanguage
        target = options.targetLanguage
        summary.sourceLanguage = source
        summary.targetLanguage = target
    }

    /// Reads a `srclang`-style attribute: nil for `*all*` or absent; an error for a bad code.
    private func language(_ raw: String?, line: Int, column: Int) throws -> LanguageTag? {
        guard let raw, raw != "*all*", !raw.isEmpty else { return nil }
        return try LanguageCheck.tag(raw, file: file, line: line, column: column)
    }

    private static func attribute(_ a: [String: String], _ name: String) -> String? {
        if let v = a[name] { return v }
        return a.first { $0.key.lowercased() == name }?.value
    }

    func start(_ name: String, attributes: [String: String], line: Int, column: Int) throws {
        if segText != nil {
            segDepth += 1  // inline element: its text (native code or content) joins the segment
            return
        }
        switch name {
        case "tmx":
            sawRoot = true
        case "header":
            headerSource = try language(Self.attribute(attributes, "srclang"), line: line, column: column)
        case "tu":
            if let current = tu { outer.append(current) }
            var pending = PendingTU(line: line, column: column, attributes: attributes)
            pending.sourceLanguage = try language(Self.attribute(attributes, "srclang"), line: line, column: column)
            tu = pending
        case "tuv":
            guard let code = Self.attribute(attributes, "xml:lang") ?? Self.attribute(attributes, "lang") else {
                throw FormatError.language(file: file, line: line, column: column, code: "", reason: "<tuv> has no xml:lang")
            }
            if let known = checked[code] {
                tuvLanguage = known
            } else {
                tuvLanguage = try LanguageCheck.tag(code, file: file, line: line, column: column)
                checked[code] = tuvLanguage
            }
        case "seg":
            segText = ""
            segDepth = 0
        case "prop":
            propType = Self.attribute(attributes, "type") ?? ""
            collecting = ""
        case "note":
            collecting = ""
        default:
            break
        }
    }

    func parserNote(_ message: String) { summary.notes.append(message) }

    func text(_ string: String) throws {
        if segText != nil { segText! += string } else if collecting != nil { collecting! += string }
    }

    func end(_ name: String) throws {
        if segText != nil {
            if segDepth > 0 { segDepth -= 1; return }
            if name == "seg", let lang = tuvLanguage, tu != nil {
                tu!.variants.append(Variant(language: lang, text: segText!))
            }
            segText = nil
            return
        }
        switch name {
        case "tuv":
            tuvLanguage = nil
        case "prop":
            if let type = propType, tu != nil, let value = collecting {
                if type == "x-context" && tu!.context == nil { tu!.context = value } else { tu!.properties.append(.init(type: type, value: value)) }
            }
            propType = nil
            collecting = nil
        case "note":
            if tu != nil, let note = collecting { tu!.notes.append(note) }
            collecting = nil
        case "tu":
            if let pending = tu { try emit(pending) }
            tu = outer.popLast()
        default:
            break
        }
    }

    private func pick(_ lang: LanguageTag, in variants: [Variant]) -> Variant? {
        variants.first { $0.language == lang } ?? variants.first { $0.language.sameLanguage(as: lang) }
    }

    private func emit(_ pending: PendingTU) throws {
        if source == nil {
            source = headerSource ?? pending.sourceLanguage ?? pending.variants.first?.language
            summary.sourceLanguage = source
        }
        guard let source else { summary.skip("no languages"); return }
        if target == nil, let other = pending.variants.first(where: { !$0.language.sameLanguage(as: source) }) {
            target = other.language
            summary.targetLanguage = target
        }
        guard let s = pick(source, in: pending.variants) else { summary.skip("missing source (\(source))"); return }
        guard let target else { summary.skip("missing target"); return }
        guard let t = pick(target, in: pending.variants.filter { $0.language != s.language }) else {
            summary.skip("missing target (\(target))")
            return
        }
        if s.text.allSatisfy(\.isWhitespace) { summary.skip("empty source"); return }
        if t.text.allSatisfy(\.isWhitespace) { summary.skip("empty target"); return }
        let a = pending.attributes
        let unit = TranslationUnit(
            source: s.text, target: t.text, sourceLanguage: s.language, targetLanguage: t.language,
            id: Self.attribute(a, "tuid"), context: pending.context,
            created: Self.attribute(a, "creationdate").flatMap(TMXDate.parse),
            changed: Self.attribute(a, "changedate").flatMap(TMXDate.parse),
            creator: Self.attribute(a, "creationid"), changer: Self.attribute(a, "changeid"),
            properties: pending.properties, notes: pending.notes,
            location: SourceLocation(file: file, line: pending.line, column: pending.column))
        summary.read += 1
        try body(unit)
    }
}
