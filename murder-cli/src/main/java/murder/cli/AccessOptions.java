package murder.cli;

import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import murder.core.auth.SecretFiles;
import murder.core.client.CaTrust;
import murder.core.client.TrackerAccess;
import picocli.CommandLine.Option;

/**
 * {@code --token-file} and {@code --ca-file}, shared by the commands that talk to a tracker. A token is never an
 * option's value (it would show in {@code ps}): it comes from a file, or from the environment.
 */
public final class AccessOptions {

    public static final String TOKEN_FILE_ENV = "MURDER_TOKEN_FILE";
    public static final String TOKEN_ENV = "MURDER_TOKEN";
    public static final String CA_FILE_ENV = "MURDER_CA_FILE";

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding this client's token for the tracker (default: $" + TOKEN_FILE_ENV
                + ", else the token itself in $" + TOKEN_ENV + ")")
    Path tokenFile;

    @Option(names = "--ca-file", paramLabel = "PEM",
            description = "CA certificate(s) to verify an https tracker by (default: $" + CA_FILE_ENV
                + ", else the system trust store)")
    Path caFile;

    /** Reads the token and the CA file now, once; a missing or unreadable file is bad input naming it. */
    public TrackerAccess access() {
        return access(System.getenv());
    }

    TrackerAccess access(Map<String, String> env) {
        String token = tokenFile != null ? SecretFiles.readToken(tokenFile, "token")
                : blankToNull(env.get(TOKEN_ENV));
        SSLContext tls = caFile == null ? null : CaTrust.fromPem(caFile);
        return new TrackerAccess(token, null, tls);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
