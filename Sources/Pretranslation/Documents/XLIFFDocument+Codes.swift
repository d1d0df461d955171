import Formats
import TMCore

/// Inline codes of an XLIFF source, as `CodedText` for matching and tag transfer, and a target
/// built back from it with copies of the source's own elements.
///
/// 1.2: `g` and `mrk` (text inside) are pairs; `bx`/`ex` and `bpt`/`ept` are pairs when both halves
/// are in the segment (`rid`, else `id`); `x`, `ph`, `it` and a lone half stand alone. 2.x: `pc`
/// and `mrk` are pairs; `sc`/`ec` and `sm`/`em` are pairs by `startRef`; `ph`, `cp` and isolated
/// halves stand alone. A code's id in the coded text is `n` (pairs share one), the element its
/// `n`-th code.
struct XLIFFCodes {
    /// The source with its codes; white space collapsed as in `DocumentSegment.source`.
    var coded: String
    /// Each code's element, by `"kind+id"` (`b3`, `e3`, `p4`).
    var elements: [String: XMLTreeElement]
    /// Pairs whose element holds the text between them (`g`, `pc`, `mrk`).
    var containers: Set<String>

    static let containerNames: Set<String> = ["g", "pc", "mrk"]
    /// Start halves and the attribute their end halves name them by.
    static let startNames: Set<String> = ["bx", "bpt", "sc", "sm"]
    static let endNames: Set<String> = ["ex", "ept", "ec", "em"]

    init(_ source: XMLTreeElement) {
        var elements: [String: XMLTreeElement] = [:]
        var containers = Set<String>()
        var pieces: [CodedText.Piece] = []
        var next = 0
        // Start halves waiting for their end, by pairing key.
        var pending: [String: Int] = [:]
        var halves: [(piece: Int, element: XMLTreeElement)] = []
        func key(_ e: XMLTreeElement, start: Bool) -> String {
            if start { return e.attribute("rid") ?? e.attribute("id") ?? "" }
            return e.attribute("startRef") ?? e.attribute("rid") ?? e.attribute("id") ?? ""
        }
        func visit(_ e: XMLTreeElement) {
            for child in e.children {
                switch child {
                case let .text(s), let .cdata(s): pieces.append(.text(s))
                case let .element(c):
                    let id = String(next)
                    next += 1
                    if Self.containerNames.contains(c.local) {
                        pieces.append(.code(InlineCode(.open, id: id)))
                        visit(c)
                        pieces.append(.code(InlineCode(.close, id: id)))
                        elements["b" + id] = c
                        elements["e" + id] = c
                        containers.insert(id)
                    } else if Self.startNames.contains(c.local), c.attribute("isolated") != "yes" {
                        pending[c.local + "\u{1}" + key(c, start: true)] = pieces.count
                        halves.append((pieces.count, c))
                        pieces.append(.code(InlineCode(.standalone, id: id)))
                        elements["p" + id] = c
                    } else if Self.endNames.contains(c.local), c.attribute("isolated") != "yes" {
                        let startName = ["ex": "bx", "ept": "bpt", "ec": "sc", "em": "sm"][c.local]!
                        if let k = pending.removeValue(forKey: startName + "\u{1}" + key(c, start: false)),
                           case let .code(open) = pieces[k] {
                            // Both halves here: a pair, keyed by the start's id.
                            pieces[k] = .code(InlineCode(.open, id: open.id))
                            elements["b" + open.id] = elements.removeValue(forKey: "p" + open.id)
                            pieces.append(.code(InlineCode(.close, id: open.id)))
                            elements["e" + open.id] = c
                        } else {
                            pieces.append(.code(InlineCode(.standalone, id: id)))
                            elements["p" + id] = c
                        }
                    } else {
                        pieces.append(.code(InlineCode(.standalone, id: id)))
                        elements["p" + id] = c
                    }
                default:
                    continue
                }
            }
        }
        visit(source)
        coded = CodedText.encode(Self.collapsed(pieces))
        self.elements = elements
        self.containers = containers
    }

    /// Text pieces with white space collapsed and the ends trimmed, as the plain source is.
    static func collapsed(_ pieces: [CodedText.Piece]) -> [CodedText.Piece] {
        var out: [CodedText.Piece] = []
        var lastWasSpace = true
        for piece in pieces {
            guard case let .text(t) = piece else { out.append(piece); continue }
            var s = ""
            for c in t {
                if c.isWhitespace {
                    if !lastWasSpace { s.append(" ") }
                    lastWasSpace = true
                } else {
                    s.append(c)
                    lastWasSpace = false
                }
            }
            if !s.isEmpty { out.append(.text(s)) }
        }
        // Trailing space of the last text piece.
        if let k = out.lastIndex(where: { if case .text = $0 { return true } else { return false } }),
           case let .text(t) = out[k], t.hasSuffix(" ") {
            let trimmed = String(t.dropLast())
            if trimmed.isEmpty { out.remove(at: k) } else { out[k] = .text(trimmed) }
        }
        return out
    }

    /// The nodes of a target: `coded` (the source's codes placed by `TagTransfer`) with copies of
    /// the source's elements; nil when it does not nest (the caller then writes text alone).
    func nodes(_ coded: String) -> [XMLTreeNode]? {
        var stack: [(element: XMLTreeElement?, id: String, nodes: [XMLTreeNode])] = [(nil, "", [])]
        for piece in CodedText.decode(coded) {
            switch piece {
            case let .text(t):
                stack[stack.count - 1].nodes.append(.text(t))
            case let .code(c):
                let key = "\(c.kind.rawValue)\(c.id)"
                guard let original = elements[key] else { continue }
                if c.kind == .open, containers.contains(c.id) {
                    let shell = XMLTreeElement(original.name, attributes: original.attributes, namespaces: original.namespaces)
                    stack.append((shell, c.id, []))
                } else if c.kind == .close, containers.contains(c.id) {
                    guard stack.count > 1, stack[stack.count - 1].id == c.id, let top = stack.popLast(), let shell = top.element else { return nil }
                    shell.setChildren(top.nodes)
                    stack[stack.count - 1].nodes.append(.element(shell))
                } else {
                    stack[stack.count - 1].nodes.append(.element(original.copy()))
                }
            }
        }
        return stack.count == 1 ? stack[0].nodes : nil
    }
}
