import Foundation

/// tmkit's data folder: `$TMKIT_HOME`, else `$XDG_DATA_HOME/tmkit`, else
/// `$HOME/.local/share/tmkit` (the home folder from the passwd entry only when `HOME` is unset).
public enum TMKitHome {
    public static var path: String {
        let env = ProcessInfo.processInfo.environment
        if let home = env["TMKIT_HOME"], !home.isEmpty { return home }
        if let xdg = env["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/tmkit" }
        return userHome + "/.local/share/tmkit"
    }

    /// `$HOME`, else the passwd entry's home folder.
    public static var userHome: String {
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }
}
