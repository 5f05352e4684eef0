package murder.tracker.http;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLException;
import murder.core.MurderException;
import murder.core.files.OsErrors;

/**
 * The tracker's certificate chain and private key, both PEM ({@code --tls-cert}, {@code --tls-key}); the key
 * unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}).
 */
public record TlsFiles(Path certificate, Path privateKey) {

    public TlsFiles {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }

    public SslContext serverContext() {
        for (Path file : new Path[] {certificate, privateKey}) {
            String problem = !Files.exists(file) ? "No such file or directory"
                    : Files.isDirectory(file) ? "Is a directory" : Files.isReadable(file) ? null : "Permission denied";
            if (problem != null) {
                throw MurderException.badInput("cannot read the TLS file " + file + " (" + problem + "): give "
                        + "--tls-cert and --tls-key PEM files that " + OsErrors.processUser() + " can read");
            }
        }
        try {
            return SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw MurderException.badInput("cannot use the TLS certificate " + certificate + " with the key "
                    + privateKey + ": " + e.getMessage() + " (both PEM; the key as unencrypted PKCS#8, "
                    + "e.g. `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem`)");
        }
    }
}
