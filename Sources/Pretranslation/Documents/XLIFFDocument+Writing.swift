import Formats
import Foundation
import TMCore

extension XLIFFDocument {
    // MARK: XLIFF 1.2

    func apply12(_ results: [SegmentResult], languages: LanguagePair) {
        for f in tree.root.elementChildren where f.local == "file" && (f.attribute("target-language") ?? "").isEmpty {
            f.setAttribute("target-language", languages.target.code)
        }
        var done = Set<ObjectIdentifier>()
        var marked: [ObjectIdentifier: (unit: XMLTreeElement, exact: Bool, filled: Bool)] = [:]
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
                    if let mark = XLIFFDocument.segmentMarks(in: target).first(where: { $0.attribute("mid") == mid }) {
                        mark.setText(place.padding.around(match.target))
                    }
                }
            } else if let match = result.fill, !segments[i].isTranslated {
                let target = unit.child("target") ?? insertTarget12(unit)
                target.setText(place.padding.around(match.target))
                target.setAttribute("state", result.isExact ? "translated" : "needs-review-translation")
                target.setAttribute("state-qualifier", Self.stateQualifier12(result))
                if result.isExact && approveExact { unit.setAttribute("approved", "yes") }
            }
            if let match = result.fill, !segments[i].isTranslated {
                // The memory's match as it was: its own score and target beside a repaired fill.
                let alt = XMLTreeElement("alt-trans")
                if let mid = place.mid { alt.setAttribute("mid", mid) }
                alt.setAttribute("match-quality", String(match.originalScore ?? match.score))
                alt.setAttribute("origin", match.origin)
                unit.appendIndented(alt)
                alt.appendIndented(textElement("source", match.source))
                alt.appendIndented(textElement("target", match.originalTarget ?? match.target))
                if match.isRepaired, let text = match.repairNote {
                    let note = XMLTreeElement("note")
                    note.setAttribute("from", Self.repairNoteFrom)
                    note.setAttribute("annotates", "general")
                    note.setText(text)
                    unit.appendIndented(note)
                }
            }
            for term in result.terms {
                let note = XMLTreeElement("note")
                note.setAttribute("from", Self.glossaryNoteFrom)
                note.setAttribute("annotates", "source")
                note.setText(term.noteText)
                unit.appendIndented(note)
            }
        }
        setMarkedStates(marked)
    }

    /// The state of a segmented unit's target tmkit filled: translated when every segment is
    /// translated or exactly matched, else to be reviewed.
    private func setMarkedStates(_ marked: [ObjectIdentifier: (unit: XMLTreeElement, exact: Bool, filled: Bool)]) {
        for (_, entry) in marked where entry.filled {
            guard let target = entry.unit.child("target") else { continue }
            target.setAttribute("state", entry.exact ? "translated" : "needs-review-translation")
            target.setAttribute("state-qualifier", entry.exact ? "exact-match" : "fuzzy-match")
            if entry.exact && approveExact { entry.unit.setAttribute("approved", "yes") }
        }
    }

    /// `exact-match`, `fuzzy-match`, or `x-tmkit-repaired` for a fuzzy match tmkit patched.
    static func stateQualifier12(_ result: SegmentResult) -> String {
        if result.isExact { return "exact-match" }
        return result.fill?.isRepaired == true ? Self.repairedQualifier : "fuzzy-match"
    }

    /// A new `<target>` copying `<seg-source>` with every segment `<mrk>` emptied, after it.
    private func insertMirroredTarget12(_ unit: XMLTreeElement) -> XMLTreeElement {
        let segSource = unit.child("seg-source")!
        let target = XMLTreeElement("target")
        target.setChildren(segSource.copy().children)
        for mark in XLIFFDocument.segmentMarks(in: target) { mark.setChildren([]) }
        unit.insert(target, after: segSource)
        return target
    }

    /// Removes the glossary notes and alt-trans a previous tmkit run added (a re-run does not pile them up).
    private func removeOwnNotes12(_ unit: XMLTreeElement) {
        for child in unit.elementChildren {
            let own = child.local == "note" && [Self.glossaryNoteFrom, Self.repairNoteFrom].contains(child.attribute("from") ?? "")
            guard own else { continue }
            child.removeWithIndent()
        }
    }

    /// A new `<target>` after `<source>` (or `<seg-source>`), indented like it.
    private func insertTarget12(_ unit: XMLTreeElement) -> XMLTreeElement {
        let anchor = unit.child("seg-source") ?? unit.child("source")!
        let target = XMLTreeElement("target")
        unit.insert(target, after: anchor)
        return target
    }

    // MARK: XLIFF 2.x

    func apply2(_ results: [SegmentResult], languages: LanguagePair) {
        let root = tree.root
        if (root.attribute("trgLang") ?? "").isEmpty { root.setAttribute("trgLang", languages.target.code) }
        let needsMatches = zip(results, segments).contains { $0.fill != nil && !$1.isTranslated }
        let mtcPrefix = needsMatches ? matchesPrefix(root) : "mtc"
        var unitIndex: [ObjectIdentifier: Int] = [:]
        var placeIndex: [ObjectIdentifier: Int] = [:]
        for (i, p) in places.enumerated() { placeIndex[ObjectIdentifier(p.holder)] = i }
        var units: [(unit: XMLTreeElement, items: [(segment: XMLTreeElement, result: SegmentResult, translated: Bool)])] = []
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
            var matches: [(XMLTreeElement, PretranslationMatch)] = []
            var notes: [XMLTreeElement] = []
            var seenTerms = Set<String>()
            for (segment, result, translated) in items {
                if let match = result.fill, !translated {
                    let target = segment.child("target") ?? {
                        let t = XMLTreeElement("target")
                        segment.insert(t, after: segment.child("source")!)
                        return t
                    }()
                    target.setText(places[placeIndex[ObjectIdentifier(segment)]!].padding.around(match.target))
                    segment.setAttribute("state", result.isExact ? "translated" : "initial")
                    let id = segmentID(segment, in: unit)
                    let m = XMLTreeElement("\(mtcPrefix):match")
                    m.setAttribute("ref", "#\(id)")
                    // similarity: the memory's score; a repaired fill's own score is its matchQuality.
                    m.setAttribute("similarity", String(min(match.originalScore ?? match.score, 100)))
                    if match.isRepaired { m.setAttribute("matchQuality", String(min(match.score, 100))) }
                    m.setAttribute("origin", match.origin)
                    m.setAttribute("type", "tm")
                    // 101 (same source and context) has no place in similarity (0-100).
                    if match.score > 100 { m.setAttribute("subType", "tmkit:context-match") }
                    if match.isRepaired { m.setAttribute("subType", "tmkit:repaired") }
                    matches.append((m, match))
                    if match.isRepaired, let text = match.repairNote {
                        let note = XMLTreeElement("note")
                        note.setAttribute("category", Self.repairNoteFrom)
                        note.setText(text)
                        notes.append(note)
                    }
                }
                for term in result.terms where seenTerms.insert(term.noteText).inserted {
                    let note = XMLTreeElement("note")
                    note.setAttribute("category", "terminology")
                    note.setAttribute("appliesTo", "source")
                    note.setText(term.noteText)
                    notes.append(note)
                }
            }
            // Notes a previous run added go, so that re-runs do not pile them up.
            if let existing = unit.child("notes") {
                for n in existing.elementChildren where n.local == "note" && ["terminology", Self.repairNoteFrom].contains(n.attribute("category") ?? "") {
                    n.removeWithIndent()
                }
                if existing.elementChildren.isEmpty && notes.isEmpty { existing.removeWithIndent() }
            }
            if !notes.isEmpty {
                let container = unit.child("notes") ?? {
                    let n = XMLTreeElement("notes")
                    insertCoreChild(n, in: unit)
                    return n
                }()
                for note in notes { container.appendIndented(note) }
            }
            if !matches.isEmpty {
                let container = unit.elementChildren.first { $0.local == "matches" && $0.prefix == mtcPrefix } ?? {
                    let c = XMLTreeElement("\(mtcPrefix):matches")
                    insertFirst(c, in: unit)
                    return c
                }()
                for (m, match) in matches {
                    container.appendIndented(m)
                    m.appendIndented(textElement("source", match.source))
                    m.appendIndented(textElement("target", match.originalTarget ?? match.target))
                }
            }
        }
    }

    /// `<name>text</name>`.
    private func textElement(_ name: String, _ text: String) -> XMLTreeElement {
        let e = XMLTreeElement(name)
        e.setText(text)
        return e
    }

    /// The prefix bound to the matches namespace on the root, declaring `mtc` when there is none.
    private func matchesPrefix(_ root: XMLTreeElement) -> String {
        if let ns = root.namespaces.first(where: { $0.uri == Self.matchesNamespace }), let prefix = ns.prefix, !prefix.isEmpty {
            return prefix
        }
        var prefix = "mtc"
        var n = 1
        while root.namespaces.contains(where: { $0.prefix == prefix }) {
            n += 1
            prefix = "mtc\(n)"
        }
        root.namespaces.append(XMLNamespace(prefix: prefix, uri: Self.matchesNamespace))
        return prefix
    }

    /// The segment's id, giving it one (unique in the unit) when it has none.
    private func segmentID(_ segment: XMLTreeElement, in unit: XMLTreeElement) -> String {
        if let id = segment.attribute("id"), !id.isEmpty { return id }
        var used = Set<String>()
        func collect(_ e: XMLTreeElement) {
            if let id = e.attribute("id") { used.insert(id) }
            e.elementChildren.forEach(collect)
        }
        collect(unit)
        var n = 1
        while used.contains("tmkit-s\(n)") { n += 1 }
        segment.setAttribute("id", "tmkit-s\(n)")
        return "tmkit-s\(n)"
    }

    /// Inserts `child` where core children start (after module and extension elements):
    /// before `<notes>`, `<originalData>`, `<segment>` or `<ignorable>`.
    private func insertCoreChild(_ child: XMLTreeElement, in unit: XMLTreeElement) {
        let core: Set<String> = ["notes", "originalData", "segment", "ignorable"]
        if let anchor = unit.elementChildren.first(where: { core.contains($0.local) && $0.prefix == nil }) {
            unit.insert(child, before: anchor)
        } else {
            unit.appendIndented(child)
        }
    }

    /// Inserts `child` as the first element child of `unit`.
    private func insertFirst(_ child: XMLTreeElement, in unit: XMLTreeElement) {
        if let anchor = unit.elementChildren.first {
            unit.insert(child, before: anchor)
        } else {
            unit.appendIndented(child)
        }
    }
}
