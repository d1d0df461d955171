import Foundation
import TMCore
#if canImport(FoundationXML)
import FoundationXML
#endif

extension XLIFFDocument {
    // MARK: XLIFF 1.2

    func apply12(_ results: [SegmentResult], languages: LanguagePair) {
        if let root = document.rootElement() {
            for f in root.elementChildren where f.local == "file" && (f.value(of: "target-language") ?? "").isEmpty {
                f.set("target-language", languages.target.code)
            }
        }
        var done = Set<ObjectIdentifier>()
        var marked: [ObjectIdentifier: (unit: XMLElement, exact: Bool, filled: Bool)] = [:]
        for (i, result) in results.enumerated() {
            let place = places[i]
            let unit = place.unit
            let first = done.insert(ObjectIdentifier(unit)).inserted
            if first { removeOwnNotes12(unit) }
            if let mid = place.mid {
                // A unit segmented in <seg-source>: the target mirrors it, one <mrk> per segment.
                let translated = segments[i].isTranslated
                let exact = translated || (result.fill != nil && result.isExact)
                let filled = !translated && result.fill != nil
                let key = ObjectIdentifier(unit)
                marked[key] = (unit, (marked[key]?.exact ?? true) && exact, (marked[key]?.filled ?? false) || filled)
                if let match = result.fill, !translated {
                    let target = unit.child("target") ?? insertMirroredTarget12(unit)
                    if let mark = XLIFFDocument.segmentMarks(in: target).first(where: { $0.value(of: "mid") == mid }) {
                        mark.setText(match.target)
                    }
                }
            } else if let match = result.fill, !segments[i].isTranslated {
                let target = unit.child("target") ?? insertTarget12(unit)
                target.setText(match.target)
                target.set("state", result.isExact ? "translated" : "needs-review-translation")
                target.set("state-qualifier", result.isExact ? "exact-match" : "fuzzy-match")
            }
            if let match = result.fill, !segments[i].isTranslated {
                let alt = XMLElement(name: "alt-trans")
                if let mid = place.mid { alt.set("mid", mid) }
                alt.set("match-quality", String(match.score))
                alt.set("origin", match.origin)
                append(alt, to: unit)
                append(textElement("source", match.source), to: alt)
                append(textElement("target", match.target), to: alt)
            }
            for term in result.terms {
                let note = XMLElement(name: "note")
                note.set("from", Self.glossaryNoteFrom)
                note.set("annotates", "source")
                note.setText(term.noteText)
                append(note, to: unit)
            }
        }
        setMarkedStates(marked)
    }

    /// The state of a segmented unit's target tmkit filled: translated when every segment is
    /// translated or exactly matched, else to be reviewed.
    private func setMarkedStates(_ marked: [ObjectIdentifier: (unit: XMLElement, exact: Bool, filled: Bool)]) {
        for (_, entry) in marked where entry.filled {
            guard let target = entry.unit.child("target") else { continue }
            target.set("state", entry.exact ? "translated" : "needs-review-translation")
            target.set("state-qualifier", entry.exact ? "exact-match" : "fuzzy-match")
        }
    }

    /// A new `<target>` copying `<seg-source>` with every segment `<mrk>` emptied, after it.
    private func insertMirroredTarget12(_ unit: XMLElement) -> XMLElement {
        let segSource = unit.child("seg-source")!
        // Re-parsed from its markup rather than copied: copies of namespaced nodes repeat xmlns.
        let inner = (segSource.children ?? []).map { $0.xmlString }.joined()
        let target: XMLElement
        if let parsed = try? XMLDocument(xmlString: "<target>\(inner)</target>", options: [.nodePreserveWhitespace, .nodeLoadExternalEntitiesNever]),
           let root = parsed.rootElement() {
            root.detach()
            target = root
        } else {
            target = XMLElement(name: "target")
            for child in segSource.children ?? [] { target.addChild(child.copy() as! XMLNode) }
        }
        for mark in XLIFFDocument.segmentMarks(in: target) { mark.setChildren(nil) }
        insert(target, after: segSource, in: unit)
        return target
    }

    /// Removes the glossary notes and alt-trans a previous tmkit run added (a re-run does not pile them up).
    private func removeOwnNotes12(_ unit: XMLElement) {
        for child in unit.elementChildren {
            let own = (child.local == "note" && child.value(of: "from") == Self.glossaryNoteFrom)
            guard own else { continue }
            removeWithIndent(child)
        }
    }

    /// A new `<target>` after `<source>` (or `<seg-source>`), indented like it.
    private func insertTarget12(_ unit: XMLElement) -> XMLElement {
        let anchor = unit.child("seg-source") ?? unit.child("source")!
        let target = XMLElement(name: "target")
        insert(target, after: anchor, in: unit)
        return target
    }

    // MARK: XLIFF 2.x

    func apply2(_ results: [SegmentResult], languages: LanguagePair) {
        guard let root = document.rootElement() else { return }
        if (root.value(of: "trgLang") ?? "").isEmpty { root.set("trgLang", languages.target.code) }
        let needsMatches = zip(results, segments).contains { $0.fill != nil && !$1.isTranslated }
        let mtcPrefix = needsMatches ? matchesPrefix(root) : "mtc"
        var unitIndex: [ObjectIdentifier: Int] = [:]
        var units: [(unit: XMLElement, items: [(segment: XMLElement, result: SegmentResult, translated: Bool)])] = []
        for (i, result) in results.enumerated() {
            let (unit, segment) = (places[i].unit, places[i].holder)
            let key = ObjectIdentifier(unit)
            if unitIndex[key] == nil {
                unitIndex[key] = units.count
                units.append((unit, []))
            }
            units[unitIndex[key]!].items.append((segment, result, segments[i].isTranslated))
        }
        for (unit, items) in units {
            var matches: [(XMLElement, PretranslationMatch)] = []
            var notes: [XMLElement] = []
            var seenTerms = Set<String>()
            for (segment, result, translated) in items {
                if let match = result.fill, !translated {
                    let target = segment.child("target") ?? {
                        let t = XMLElement(name: "target")
                        insert(t, after: segment.child("source")!, in: segment)
                        return t
                    }()
                    target.setText(match.target)
                    segment.set("state", result.isExact ? "translated" : "initial")
                    let id = segmentID(segment, in: unit)
                    let m = XMLElement(name: "\(mtcPrefix):match")
                    m.set("ref", "#\(id)")
                    m.set("similarity", String(min(match.score, 100)))
                    m.set("origin", match.origin)
                    m.set("type", "tm")
                    // 101 (same source and context) has no place in similarity (0-100).
                    if match.score > 100 { m.set("subType", "tmkit:context-match") }
                    matches.append((m, match))
                }
                for term in result.terms where seenTerms.insert(term.noteText).inserted {
                    let note = XMLElement(name: "note")
                    note.set("category", "terminology")
                    note.set("appliesTo", "source")
                    note.setText(term.noteText)
                    notes.append(note)
                }
            }
            // Notes a previous run added go, so that re-runs do not pile them up.
            if let existing = unit.child("notes") {
                for n in existing.elementChildren where n.local == "note" && n.value(of: "category") == "terminology" {
                    removeWithIndent(n)
                }
                if existing.elementChildren.isEmpty && notes.isEmpty { removeWithIndent(existing) }
            }
            if !notes.isEmpty {
                let container = unit.child("notes") ?? {
                    let n = XMLElement(name: "notes")
                    insertCoreChild(n, in: unit)
                    return n
                }()
                for note in notes { append(note, to: container) }
            }
            if !matches.isEmpty {
                let container = unit.elementChildren.first { $0.local == "matches" && $0.name?.hasPrefix("\(mtcPrefix):") == true } ?? {
                    let c = XMLElement(name: "\(mtcPrefix):matches")
                    insertFirst(c, in: unit)
                    return c
                }()
                for (m, match) in matches {
                    append(m, to: container)
                    append(textElement("source", match.source), to: m)
                    append(textElement("target", match.target), to: m)
                }
            }
        }
    }

    /// `<name>text</name>`.
    private func textElement(_ name: String, _ text: String) -> XMLElement {
        let e = XMLElement(name: name)
        e.setText(text)
        return e
    }

    /// The prefix bound to the matches namespace on the root, declaring `mtc` when there is none.
    private func matchesPrefix(_ root: XMLElement) -> String {
        for ns in root.namespaces ?? [] where ns.stringValue == Self.matchesNamespace {
            if let name = ns.name, !name.isEmpty { return name }
        }
        var prefix = "mtc"
        var n = 1
        while (root.namespaces ?? []).contains(where: { $0.name == prefix }) {
            n += 1
            prefix = "mtc\(n)"
        }
        root.addNamespace(XMLNode.namespace(withName: prefix, stringValue: Self.matchesNamespace) as! XMLNode)
        return prefix
    }

    /// The segment's id, giving it one (unique in the unit) when it has none.
    private func segmentID(_ segment: XMLElement, in unit: XMLElement) -> String {
        if let id = segment.value(of: "id"), !id.isEmpty { return id }
        var used = Set<String>()
        func collect(_ e: XMLElement) {
            if let id = e.value(of: "id") { used.insert(id) }
            e.elementChildren.forEach(collect)
        }
        collect(unit)
        var n = 1
        while used.contains("tmkit-s\(n)") { n += 1 }
        segment.set("id", "tmkit-s\(n)")
        return "tmkit-s\(n)"
    }

    /// Inserts `child` where core children start (after module and extension elements):
    /// before `<notes>`, `<originalData>`, `<segment>` or `<ignorable>`.
    private func insertCoreChild(_ child: XMLElement, in unit: XMLElement) {
        let core: Set<String> = ["notes", "originalData", "segment", "ignorable"]
        if let anchor = unit.elementChildren.first(where: { core.contains($0.local) && !($0.name ?? "").contains(":") }) {
            insert(child, before: anchor, in: unit)
        } else {
            append(child, to: unit)
        }
    }

    /// Inserts `child` as the first element child of `unit`.
    private func insertFirst(_ child: XMLElement, in unit: XMLElement) {
        if let anchor = unit.elementChildren.first {
            insert(child, before: anchor, in: unit)
        } else {
            append(child, to: unit)
        }
    }

    // MARK: DOM helpers keeping the indentation

    /// Inserts `child` right after `anchor`, on its own line indented like `anchor` when the file is indented.
    func insert(_ child: XMLElement, after anchor: XMLElement, in parent: XMLElement) {
        let index = anchor.index + 1
        if let indent = anchor.leadingWhitespace {
            parent.insertChild(child, at: index)
            parent.insertChild(XMLNode.text(withStringValue: indent) as! XMLNode, at: index)
        } else {
            parent.insertChild(child, at: index)
        }
    }

    /// Inserts `child` right before `anchor`, indented like it.
    func insert(_ child: XMLElement, before anchor: XMLElement, in parent: XMLElement) {
        // The element goes in first: libxml2 merges a text node inserted next to another one.
        let index = anchor.index
        let indent = anchor.leadingWhitespace
        parent.insertChild(child, at: index)
        if let indent { parent.insertChild(XMLNode.text(withStringValue: indent) as! XMLNode, at: index + 1) }
    }

    /// Appends `child` after the last element child of `parent`, indented like it.
    func append(_ child: XMLElement, to parent: XMLElement) {
        if let last = parent.elementChildren.last {
            insert(child, after: last, in: parent)
        } else if let indent = parent.leadingWhitespace {
            parent.addChild(XMLNode.text(withStringValue: indent + "  ") as! XMLNode)
            parent.addChild(child)
            parent.addChild(XMLNode.text(withStringValue: indent) as! XMLNode)
        } else {
            parent.addChild(child)
        }
    }

    /// Removes `node` and the white space that indented it.
    func removeWithIndent(_ node: XMLElement) {
        if node.leadingWhitespace != nil, let ws = node.previousSibling {
            ws.detach()
        }
        node.detach()
    }
}
