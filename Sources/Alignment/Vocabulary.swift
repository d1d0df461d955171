/// Match keys interned as small integers. Id 0 is the empty word (NULL) of the alignment models.
struct Vocabulary: Sendable {
    private(set) var words: [String] = [""]
    private var ids: [String: Int32] = ["": 0]

    mutating func id(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(words.count)
        words.append(word)
        ids[word] = id
        return id
    }

    func lookup(_ word: String) -> Int32? { ids[word] }

    subscript(id: Int32) -> String { words[Int(id)] }

    var count: Int { words.count }
}
