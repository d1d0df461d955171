import Foundation
import Hummingbird

extension WebPages {
    /// Language names for the pair selectors; other codes show as themselves.
    static let languageNames: [String: String] = [
        "ko": "Korean", "en": "English", "ja": "Japanese", "zh": "Chinese", "de": "German", "fr": "French", "es": "Spanish",
    ]

    func searchPage(_ request: Request, _ v: (token: APIToken, secret: String)) async throws -> Response {
        let memories = (try await config.backend.memories()).filter { v.token.sees($0) }
        let memory = request.query("memory").flatMap { m in memories.contains(m) ? m : nil } ?? memories.first ?? config.backend.defaultMemory
        var languages = (try? await config.backend.languages(memory: memory)) ?? []
        languages = languages.map { String($0.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? "") }.filter { !$0.isEmpty }
        for code in ["ko", "en"] where !languages.contains(code) { languages.append(code) }
        var seen = Set<String>()
        languages = languages.filter { seen.insert($0).inserted }
        let options = languages.map { (value: $0, label: "\(Self.languageNames[$0] ?? $0) (\($0))") }
        let from = request.query("from") ?? "ko", to = request.query("to") ?? (from == "en" ? "ko" : "en")
        let scores = [50, 60, 70, 75, 80, 90, 100].map { (value: "\($0)", label: "\($0)%") }
        let q = request.query("q") ?? ""
        let main = """
        <h1>Search the memory</h1>
        <form id="search-form" role="search" class="row" action="/search" method="get">
        <div class="field grow"><label for="q">Text to look up</label>
        <input id="q" name="q" type="search" value="\(WebHTML.escape(q))" autocomplete="off" autofocus spellcheck="false" aria-describedby="search-hint"></div>
        <div class="field"><label for="memory">Memory</label>
        <select id="memory" name="memory">\(WebHTML.options(memories.map { (value: $0, label: $0) }, selected: memory))</select></div>
        <div class="field"><label for="src">From</label><select id="src" name="from">\(WebHTML.options(options, selected: from))</select></div>
        <button type="button" id="swap" aria-label="Swap the languages" title="Swap the languages">⇄</button>
        <div class="field"><label for="tgt">To</label><select id="tgt" name="to">\(WebHTML.options(options, selected: to))</select></div>
        <div class="field"><label for="min-score">Lowest score</label><select id="min-score" name="minScore">\(WebHTML.options(scores, selected: "60"))</select></div>
        </form>
        <p id="search-hint" class="hint">Matches appear as you type. <kbd>Enter</kbd> searches now; <kbd>Ctrl</kbd>+<kbd>Enter</kbd> copies the best translation. In the source, <del>struck</del> words are not in your text and <ins>marked</ins> words are missing from the memory's.</p>
        <p id="status" class="status" role="status" aria-live="polite"></p>
        <div class="results">
        <section aria-labelledby="matches-heading"><h2 id="matches-heading">Matches</h2><ol id="matches"></ol></section>
        <section aria-labelledby="concordance-heading"><h2 id="concordance-heading">Concordance</h2><ol id="concordance"></ol></section>
        </div>
        """
        return WebHTML.response(WebHTML.page(title: "Search", current: "/search", viewer: htmlViewer(v), main: main, scripts: ["search.js"]))
    }
}
