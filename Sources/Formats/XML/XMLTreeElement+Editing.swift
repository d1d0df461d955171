/// Finding, reading and changing elements.
extension XMLTreeElement {
    // MARK: finding

    /// The element children, in order.
    public var elementChildren: [XMLTreeElement] { children.compactMap(\.element) }

    /// The first element child with local name `local`.
    public func child(_ local: String) -> XMLTreeElement? {
        for case let .element(e) in children where e.local == local { return e }
        return nil
    }

    /// Every descendant element (document order) for which `matches` is true; the search does
    /// not go inside a match unless `inside` is true.
    public func descendants(inside: Bool = false, where matches: (XMLTreeElement) -> Bool) -> [XMLTreeElement] {
        var found: [XMLTreeElement] = []
        var stack: [(XMLTreeElement, Int)] = [(self, 0)]
        while let (e, i) = stack.popLast() {
            guard i < e.children.count else { continue }
            stack.append((e, i + 1))
            guard case let .element(c) = e.children[i] else { continue }
            let hit = matches(c)
            if hit { found.append(c) }
            if !hit || inside { stack.append((c, 0)) }
        }
        return found
    }

    /// The text of this element and its descendants, in order (CDATA included).
    public var textContent: String {
        var out = ""
        var stack: [(XMLTreeElement, Int)] = [(self, 0)]
        while let (e, i) = stack.popLast() {
            guard i < e.children.count else { continue }
            stack.append((e, i + 1))
            switch e.children[i] {
            case let .text(s), let .cdata(s): out += s
            case let .element(c): stack.append((c, 0))
            default: break
            }
        }
        return out
    }

    /// This element's position among its parent's children.
    public var index: Int? {
        parent?.children.firstIndex { $0.element === self }
    }

    /// The node before this one in its parent.
    public var previousSibling: XMLTreeNode? {
        guard let parent, let i = index, i > 0 else { return nil }
        return parent.children[i - 1]
    }

    // MARK: attributes

    /// The value of the attribute with qualified name `name` (`xml:lang`).
    public func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Sets (replaces in place, or appends) an attribute.
    public func setAttribute(_ name: String, _ value: String) {
        if let i = attributes.firstIndex(where: { $0.name == name }) {
            attributes[i].value = value
        } else {
            attributes.append(XMLAttribute(name: name, value: value))
        }
    }

    public func removeAttribute(_ name: String) {
        attributes.removeAll { $0.name == name }
    }

    /// The namespace URI bound to `prefix` (nil: the default namespace) here or on an ancestor.
    public func namespaceURI(for prefix: String?) -> String? {
        var e: XMLTreeElement? = self
        while let current = e {
            if let ns = current.namespaces.first(where: { $0.prefix == prefix }) { return ns.uri }
            e = current.parent
        }
        return nil
    }

    // MARK: children

    /// Replaces all children (inline elements included).
    public func setChildren(_ nodes: [XMLTreeNode]) {
        for case let .element(old) in children { old.parent = nil }
        children = nodes
        for case let .element(e) in nodes { e.detach(); e.parent = self }
    }

    /// Replaces all children with one text node.
    public func setText(_ text: String) { setChildren(text.isEmpty ? [] : [.text(text)]) }

    public func append(_ node: XMLTreeNode) { insert(node, at: children.count) }

    /// Inserts `node` at `index` (an element is first taken out of where it was).
    public func insert(_ node: XMLTreeNode, at index: Int) {
        var at = index
        if case let .element(e) = node {
            if e.parent === self, let old = e.index, old < at { at -= 1 }
            e.detach()
            e.parent = self
        }
        children.insert(node, at: at)
    }

    /// Removes and returns the child at `index`.
    @discardableResult
    public func remove(at index: Int) -> XMLTreeNode {
        let node = children.remove(at: index)
        node.element?.parent = nil
        return node
    }

    /// Takes this element out of its parent.
    public func detach() {
        guard let parent, let i = index else { return }
        parent.remove(at: i)
    }

    /// A deep copy, without a parent.
    public func copy() -> XMLTreeElement {
        let e = XMLTreeElement(name, attributes: attributes, namespaces: namespaces)
        e.setChildren(children.map { node in
            if case let .element(c) = node { return .element(c.copy()) }
            return node
        })
        return e
    }

    // MARK: editing that keeps the indentation

    /// The white space before this element, when the node before it is only white space.
    public var leadingWhitespace: String? {
        guard case let .text(s)? = previousSibling, s.allSatisfy(\.isWhitespace) else { return nil }
        return s
    }

    /// Inserts `child` right after `anchor` (a child of this element), on its own line indented
    /// like `anchor` when the file is indented.
    public func insert(_ child: XMLTreeElement, after anchor: XMLTreeElement) {
        guard let i = anchor.index else { return append(.element(child)) }
        insert(.element(child), at: i + 1)
        if let indent = anchor.leadingWhitespace { insert(.text(indent), at: i + 1) }
    }

    /// Inserts `child` right before `anchor` (a child of this element), indented like it.
    public func insert(_ child: XMLTreeElement, before anchor: XMLTreeElement) {
        guard let i = anchor.index else { return append(.element(child)) }
        let indent = anchor.leadingWhitespace
        insert(.element(child), at: i)
        if let indent { insert(.text(indent), at: i + 1) }
    }

    /// Appends `child` after the last element child, indented like it (or one step deeper
    /// than this element when it has none).
    public func appendIndented(_ child: XMLTreeElement) {
        if let last = elementChildren.last {
            insert(child, after: last)
        } else if let indent = leadingWhitespace {
            append(.text(indent + "  "))
            append(.element(child))
            append(.text(indent))
        } else {
            append(.element(child))
        }
    }

    /// Takes this element out of its parent with the white space that indented it.
    public func removeWithIndent() {
        if leadingWhitespace != nil, let parent, let i = index { parent.remove(at: i - 1) }
        detach()
    }
}
