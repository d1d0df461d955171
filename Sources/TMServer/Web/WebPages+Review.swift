import Foundation
import Hummingbird

extension WebPages {
    func reviewPage(_ request: Request, _ v: (token: APIToken, secret: String)) async throws -> Response {
        // The database's glossaries as they are now (those named at start if it cannot be read).
        let reviewNames = (try? await reviewNames()) ?? config.glossaries.map(\.name)
        let selected = request.query("glossary").flatMap { reviewNames.contains($0) ? $0 : nil } ?? reviewNames.first
        let glossary = selected.flatMap { review(named: $0)?.glossary }
        let canWrite = v.token.scope >= .write && glossary?.isWritable == true
        let statuses = [("candidate", "Candidates"), ("approved", "Approved"), ("preferred", "Preferred"), ("admitted", "Admitted"),
                        ("deprecated", "Deprecated"), ("superseded", "Superseded"), ("any", "Any status")].map { (value: $0.0, label: $0.1) }
        let sorts = [("score:desc", "Score, highest first"), ("score:asc", "Score, lowest first"), ("count:desc", "Pair count, highest first"),
                     ("frequency:desc", "Term frequency, highest first"), ("term:asc", "Term, A–Z")].map { (value: $0.0, label: $0.1) }
        guard let selected else {
            let main = """
            <h1>Review a glossary</h1>
            <p class="status">This server has no glossary to review. Import a built glossary into a store and serve it: <code>tmkit glossary import built.tbx</code>, then <code>tmkit serve --glossary built=$TMKIT_HOME/glossary.sqlite</code>.</p>
            """
            return WebHTML.response(WebHTML.page(title: "Review", current: "/review", viewer: htmlViewer(v), main: main))
        }
        let bulk = canWrite ? """
        <div class="row bulk">
        <div class="field"><label for="bulk-score">Approve every candidate scoring at least</label>
        <input id="bulk-score" type="number" min="0" max="1" step="0.05" value="0.9"></div>
        <button type="button" id="bulk-approve">Approve all above score</button>
        </div>
        """ : v.token.scope < .write ? "<p class=\"hint\">This token may only read: log in with a write token to approve, reject, deprecate or edit.</p>"
            : "<p class=\"hint\">This glossary is compiled from \(WebHTML.escape(glossary?.file ?? "a file")) and is read-only here: import it into a glossary store (<code>tmkit glossary import</code>) and serve the store to review it.</p>"
        let main = """
        <h1>Review a glossary</h1>
        <form id="filters" class="filters" role="search" aria-label="Filter the candidates">
        <div class="row">
        <div class="field"><label for="glossary">Glossary</label><select id="glossary">\(WebHTML.options(reviewNames.map { (value: $0, label: $0) }, selected: selected))</select></div>
        <div class="field"><label for="status-filter">Status</label><select id="status-filter">\(WebHTML.options(statuses, selected: "candidate"))</select></div>
        <div class="field"><label for="min-score">Lowest score</label><input id="min-score" type="number" min="0" max="1" step="0.05" value="0"></div>
        <div class="field"><label for="min-count">Lowest pair count</label><input id="min-count" type="number" min="0" step="1" value="0"></div>
        <div class="field"><label for="sort">Sort by</label><select id="sort">\(WebHTML.options(sorts, selected: "score:desc"))</select></div>
        <div class="field grow"><label for="term-filter">Term or translation contains</label><input id="term-filter" type="search" autocomplete="off"></div>
        </div>
        \(bulk)
        </form>
        <p class="hint" id="review-keys">Keys on a row: <kbd>↓</kbd>/<kbd>j</kbd> next, <kbd>↑</kbd>/<kbd>k</kbd> previous, <kbd>a</kbd> approve, <kbd>r</kbd> reject, <kbd>d</kbd> deprecate, <kbd>e</kbd> edit (<kbd>Enter</kbd> saves, <kbd>Esc</kbd> cancels).</p>
        <p id="status" class="status" role="status" aria-live="polite"></p>
        <table class="review" aria-describedby="review-keys">
        <caption class="skip">Candidate translations</caption>
        <thead><tr><th scope="col">Term</th><th scope="col">Translation</th><th scope="col">Score</th><th scope="col">Count</th><th scope="col">Status</th><th scope="col">Examples</th><th scope="col">Actions</th></tr></thead>
        <tbody id="rows"></tbody>
        </table>
        <button type="button" id="more" class="more" hidden>Show more</button>
        """
        return WebHTML.response(WebHTML.page(title: "Review", current: "/review", viewer: htmlViewer(v), main: main, scripts: ["review.js"],
                                             bodyAttributes: ["data-can-write": canWrite ? "true" : "false"]))
    }
}
