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

    /// Inline elements inside source/target: with `keepsInlineCodes`, as codes (`CodedText`);
    /// otherwise native code is kept as text, other codes as their own tag.
    func startInline(_ name: String, _ a: [String: String]) throws {
        if options.keepsInlineCodes { return startCode(name, a) }
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

    /// An inline element as a code: 1.2 `g`/`bx`/`ex`/`x` (no native content) and
    /// `bpt`/`ept`/`ph`/`it` (their text is the native content); 2.x `pc`/`sc`/`ec`/`ph` with the
    /// native content their `dataRef`s name in `originalData`. `mrk`, `sm`, `em` and `sub` are
    /// transparent; `cp` is its character.
    func startCode(_ name: String, _ a: [String: String]) {
        let id = Self.attribute(a, "id") ?? ""
        let data = { (key: String) -> String in Self.attribute(a, key).flatMap { self.unit?.data[$0] } ?? "" }
        let isolated = Self.attribute(a, "isolated") == "yes"
        var closing: String?
        func put(_ code: InlineCode) { text += CodedText.encode([.code(code)]) }
        if codeCapture != nil {
            // Inside a native-content element (a `sub`): its text joins the native content.
            inlineEnds.append(nil)
            return
        }
        if version2 {
            switch name {
            case "ph": put(InlineCode(.standalone, id: id, native: data("dataRef")))
            case "sc": put(InlineCode(isolated ? .isolatedOpen : .open, id: id, native: data("dataRef")))
            case "ec": put(InlineCode(isolated ? .isolatedClose : .close, id: Self.attribute(a, "startRef") ?? id, native: data("dataRef")))
            case "pc":
                put(InlineCode(.open, id: id, native: data("dataRefStart")))
                closing = CodedText.encode([.code(InlineCode(.close, id: id, native: data("dataRefEnd")))])
            case "cp":
                if let hex = Self.attribute(a, "hex"), let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) {
                    text += CodedText.encode([.text(String(Character(u)))])
                }
            default: break  // mrk, sm, em: transparent
            }
        } else {
            switch name {
            case "x": put(InlineCode(.standalone, id: id))
            case "bx": put(InlineCode(.open, id: Self.attribute(a, "rid") ?? id))
            case "ex": put(InlineCode(.close, id: Self.attribute(a, "rid") ?? id))
            case "g":
                put(InlineCode(.open, id: id))
                closing = CodedText.encode([.code(InlineCode(.close, id: id))])
            case "ph": codeCapture = InlineCode(.standalone, id: id)
            case "bpt": codeCapture = InlineCode(.open, id: Self.attribute(a, "rid") ?? id)
            case "ept": codeCapture = InlineCode(.close, id: Self.attribute(a, "rid") ?? id)
            case "it": codeCapture = InlineCode(Self.attribute(a, "pos") == "close" ? .isolatedClose : .isolatedOpen, id: id)
            default: break  // mrk, sub outside a code: transparent
            }
            if codeCapture != nil { closing = Self.captureEnd }
        }
        inlineEnds.append(closing)
    }

    /// What `inlineEnds` holds for the end of a native-content element (the code is written then).
    static let captureEnd = "\u{E100}capture"

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
            if CodedText.plain(src).allSatisfy(\.isWhitespace) && CodedText.codes(src).isEmpty { summary.skip("empty source"); continue }
            if CodedText.plain(tgt).allSatisfy(\.isWhitespace) && CodedText.codes(tgt).isEmpty { summary.skip("empty target"); continue }
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
