package murder.cli.token;

import java.nio.file.Path;
import murder.core.auth.SecretFiles;
import picocli.CommandLine.Model.CommandSpec;

/** Where a new token goes: a new file of mode 0600, or stdout. */
final class TokenOutput {

    private TokenOutput() {
    }

    static void write(String token, Path out, CommandSpec spec) {
        if (out == null) {
            spec.commandLine().getOut().println(token);
        } else {
            SecretFiles.writeNew(out, token);
            spec.commandLine().getErr().println("wrote " + out + " (mode 0600)");
        }
    }
}
