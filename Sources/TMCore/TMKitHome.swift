import Foundation

/// tmkit's data folder: `$TMKIT_HOME`, else `$XDG_DATA_HOME/tmkit`, else `~/.local/share/tmkit`.
public enum TMKitHome {
    public static var path: String {
        let env = ProcessInfo.processInfo.environment
        if let home = env["TMKIT_HOME"], !home.isEmpty { return home }
        if let xdg = env["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/tmkit" }
        return NSHomeDirectory() + "/.local/share/tmkit"
    }
}
