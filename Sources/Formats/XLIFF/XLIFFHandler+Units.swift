import Foundation
import TMCore

extension XLIFFHandler {
    /// Sets the current file's languages from the file's attributes and the options.
    func setLanguages(_ s: String?, _ t: String?, line: Int, column: Int) throws {
        var sl = try language(s, line: line, column: column)
        var tl = try language(t, line: line, column: column)
        swapped = false
        if let a = sl, let b = tl, try LanguageCheck.mustSwap(file: file, line: line, column: column, declared: (a, b), options: options) {
            swapped = true
            (sl, tl) = (tl, sl)
        }
        source = sl ?? options.sourceLanguage
        target = tl ?? options.targetLanguage
        languagePosition = (line, column)
    }

    /// Inline elements inside source/target: native code is kept, other codes as their own tag.
    func startInline(_ name: String, _ a: [String: String]) throws {
        let id = Self.attribute(a, "id").map { " id=\"\($0)\"" } ?? ""
        let data = { (key: String) -> String? in Self.attribute(a, key).flatMap { self.unit?.data[$0] } }
        var closing: String?
        if version2 {
            switch name {
            case "ph": text += data("dataRef") ?? "<ph\(id)/>"
            case "sc": text += data("dataRef") ?? "<sc\(id)/>"
            case "ec": text += data("dataRef") ?? "<ec\(Self.attribute(a, "startRef").map { " startRef=\"\($0)\"" } ?? id)/>"
            case "pc":
                text += data("dataRefStart") ?? "<pc\(id)>"
                closing = data("dataRefEnd") ?? "</pc>"
            case "cp":
                if let hex = Self.attribute(a, "hex"), let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) { text.unicodeScalars.append(u) }
            default: break  // mrk, sm, em: transparent
            }
        } else {
            switch name {
            case "x", "bx", "ex": text += "<\(name)\(id)/>"
            case "g":
                text += "<g\(id)>"
                closing = "</g>"
            default: break  // ph, bpt, ept, it, sub: their text is the native code; mrk: transparent
            }
        }
        inlineEnds.append(closing)
    }

    func emit(_ u: PendingUnit) throws {
        if u.isHeader { return }  // a PO header carried over by po2xliff: not a unit
        for (k, seg) in u.segments.enumerated() {
            guard let rawSource = seg.source else { summary.skip("missing source"); continue }
            if !u.translatable { summary.skip("not translatable"); continue }
            guard let rawTarget = seg.target, !rawTarget.isEmpty else { summary.skip("untranslated"); continue }
            let state = seg.state?.lowercased() ?? ""
            let needsWork = version2 ? state == "initial" : (state.hasPrefix("needs-") || state == "new")
            if needsWork && !options.includeFuzzy { summary.skip("fuzzy"); continue }
            let (src, tgt) = swapped ? (rawTarget, rawSource) : (rawSource, rawTarget)
            guard let sl = source else { throw FormatError.missingLanguage(file: file, side: "source") }
            guard let tl = (swapped ? nil : seg.targetLanguage) ?? target else { throw FormatError.missingLanguage(file: file, side: "target") }
            if summary.sourceLanguage == nil { summary.sourceLanguage = sl; summary.targetLanguage = tl }
            if src.allSatisfy(\.isWhitespace) { summary.skip("empty source"); continue }
            if tgt.allSatisfy(\.isWhitespace) { summary.skip("empty target"); continue }
            var id = u.id
            if u.segments.count > 1 { id = (u.id ?? "") + "/" + (seg.id ?? String(k + 1)) }
            var properties: [TranslationUnit.Property] = []
            if !state.isEmpty { properties.append(.init(type: "x-xliff-state", value: seg.state!)) }
            let unit = TranslationUnit(source: src, target: tgt, sourceLanguage: sl, targetLanguage: tl, id: id, context: u.name,
                                       properties: properties, notes: u.notes,
                                       location: SourceLocation(file: file, line: u.line, column: u.column))
            summary.read += 1
            try body(unit)
        }
    }
}
