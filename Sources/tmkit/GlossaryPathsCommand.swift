import ArgumentParser
import Foundation
import Terminology

/// `tmkit glossary paths`: the glossaries read by default, in order.
struct GlossaryPathsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paths",
        abstract: "List the glossaries tmkit reads by default, in order, with their compiled index.",
        discussion: """
        Order: the user's store ($TMKIT_HOME/glossary.sqlite), TMKIT_GLOSSARY_PATH (folders or files, separated by :), then the shipped Glossary/ folder (./Glossary, share/tmkit/Glossary beside the binary, the package tmkit was built from). Compiled indexes live in \(GlossaryCache.directory).
        """
    )

    @OptionGroup var sources: GlossarySources

    func run() throws {
        let catalog = sources.catalog
        var out = OutputBuffer()
        for loc in catalog.locations {
            let index = loc.kind == .user ? loc.path : GlossaryCache.storePath(for: loc.path)
            let compiled = FileManager.default.fileExists(atPath: index) ? "" : " (not compiled yet)"
            out.write("\(loc.kind.rawValue)\t\(loc.path)\t\(index)\(compiled)\n")
        }
        out.flush()
        if let w = catalog.warning { notice("warning: " + w) }
    }
}
