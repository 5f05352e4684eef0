package murder.cli.config;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Which settings file a command reads: the two daemons each have their own, every client command shares one. */
enum ConfigScope {
    AGENT("agent.yaml", true),
    TRACKER("tracker.yaml", true),
    CLIENT("deploy.yaml", false);

    final String fileName;
    /** Daemons log their effective settings at INFO on every start; client commands only at DEBUG. */
    final boolean daemon;

    ConfigScope(String fileName, boolean daemon) {
        this.fileName = fileName;
        this.daemon = daemon;
    }

    /** The scope of a command, or null for commands that take no settings (keygen, token, demo). */
    static ConfigScope of(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        boolean topLevel = spec.parent() != null && spec.parent().parent() == null;
        if (topLevel && spec.name().equals("agent")) {
            return AGENT;
        }
        if (topLevel && spec.name().equals("tracker")) {
            return TRACKER;
        }
        // deploy, status and whatever else talks to a tracker (cancel, rollback, ...)
        return spec.findOption("--tracker") != null && command.getSubcommands().isEmpty() ? CLIENT : null;
    }

    /** The default file: daemons' under the system directory, the client's under the user's config directory. */
    Path defaultFile(Path systemDir, Map<String, String> env) {
        return this == CLIENT ? userConfigDir(env).resolve(fileName) : systemDir.resolve(fileName);
    }

    private static Path userConfigDir(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "murder");
        }
        String home = env.get("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".config", "murder");
    }
}
