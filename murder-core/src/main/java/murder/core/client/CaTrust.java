package murder.core.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import murder.core.MurderException;
import murder.core.files.OsErrors;

/** An {@link SSLContext} that trusts exactly the CA certificates of one PEM file ({@code --ca-file}). */
public final class CaTrust {

    private CaTrust() {
    }

    public static SSLContext fromPem(Path caFile) {
        if (Files.isDirectory(caFile)) {
            throw MurderException.badInput("the CA file " + caFile + " is a directory: name a PEM file of CA "
                    + "certificates");
        }
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(caFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw MurderException.badInput("cannot read the CA file " + caFile + " (" + OsErrors.reason(e) + "): "
                    + OsErrors.readHint(e));
        } catch (CertificateException e) {
            throw MurderException.badInput("the CA file " + caFile + " holds no readable PEM certificate: "
                    + e.getMessage());
        }
        if (certs.isEmpty()) {
            throw MurderException.badInput("the CA file " + caFile + " holds no certificate (expected PEM, "
                    + "-----BEGIN CERTIFICATE-----)");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw MurderException.badInput("cannot build a trust store from the CA file " + caFile + ": " + e);
        }
    }
}
