import ArgumentParser
import Foundation
import TranslationMemory

struct TMEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change an entry's source, target, context or notes; it is analysed and indexed again.",
        discussion: """
        The change is one transaction: the entry and the index change together, or not at all. \
        The entry's changed date becomes now and its changer --user (default: $USER).

        Examples:
          tmkit tm edit 17 --target '파일 열기'
          tmkit tm edit 17 --context menu --note 'checked by the style guide'
          tmkit tm edit 17 --no-context
        """
    )

    @Argument(help: "The entry id (17 or #17).")
    var id: EntryID

    @OptionGroup var store: TMStoreOptions

    @Option(help: "New source text.")
    var source: String?

    @Option(help: "New target text.")
    var target: String?

    @Option(help: "New context.")
    var context: String?

    @Flag(name: .customLong("no-context"), help: "Remove the context.")
    var noContext = false

    @Option(name: .customLong("note"), help: "A note; repeat for several. Replaces the entry's notes.")
    var notes: [String] = []

    @Flag(name: .customLong("no-notes"), help: "Remove the notes.")
    var noNotes = false

    @Option(help: "Who made the change (default: $USER).")
    var user: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if context != nil && noContext { throw ValidationError("Give either --context or --no-context, not both.") }
        if !notes.isEmpty && noNotes { throw ValidationError("Give either --note or --no-notes, not both.") }
        if source == nil && target == nil && context == nil && !noContext && notes.isEmpty && !noNotes {
            throw ValidationError("Nothing to change: give --source, --target, --context, --no-context, --note or --no-notes.")
        }
    }

    func run() throws {
        let tm = store.open(create: false)
        var change = EntryChange(source: source, target: target)
        if noContext { change.context = .some(nil) } else if let context { change.context = .some(context) }
        if noNotes { change.notes = [] } else if !notes.isEmpty { change.notes = notes }
        change.user = user ?? ProcessInfo.processInfo.environment["USER"]
        let entry: TMEntry
        do {
            entry = try tm.edit(id: id.value, change)
        } catch {
            fail(error)
        }
        var out = OutputBuffer()
        out.write(EntryOutput.full([entry], format: format))
        out.flush()
    }
}
