package murder.cli.token;

import java.nio.file.Path;
import murder.core.auth.SecretFiles;

/** Where a new token goes: a new file of mode 0600, or stdout. */
final class TokenOutput {

    private TokenOutput() {
    }

    static void write(String token, Path out) {
        if (out == null) {
            System.out.println(token);
        } else {
            SecretFiles.writeNew(out, token);
            System.err.println("wrote " + out + " (mode 0600)");
        }
    }
}
