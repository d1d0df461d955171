// Reads one file with tmkit's Formats reader for its extension and prints counts and seconds.
// Built by Benchmarks/formats_read.sh against the release build of the Formats target.
import Foundation
import Formats
import TMCore
let path = CommandLine.arguments[1]
let t0 = Date()
let reader = FormatRegistry.reader(for: path)!
var n = 0
let s = try reader.read(path, options: ReadOptions(sourceLanguage: .english, targetLanguage: .korean)) { _ in n += 1 }
let dt = Date().timeIntervalSince(t0)
print("\(path): read \(s.read) skipped \(s.skipped) in \(String(format: "%.2f", dt)) s")
