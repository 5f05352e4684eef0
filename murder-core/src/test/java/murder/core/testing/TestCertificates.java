package murder.core.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA and a tracker certificate it signed for 127.0.0.1 and localhost, written as PEM files the way an
 * operator would have them: {@code ca.pem}, {@code tracker.pem}, {@code tracker.key} (unencrypted PKCS#8).
 */
public record TestCertificates(Path caCert, Path trackerCert, Path trackerKey) {

    public static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            KeyPair caKeys = rsa();
            X500Name caName = new X500Name("CN=murder test CA");
            X509Certificate ca = sign(caName, caName, caKeys, caKeys.getPrivate(), true);
            KeyPair trackerKeys = rsa();
            X509Certificate tracker = sign(caName, new X500Name("CN=127.0.0.1"), trackerKeys, caKeys.getPrivate(),
                    false);
            TestCertificates files = new TestCertificates(dir.resolve("ca.pem"), dir.resolve("tracker.pem"),
                    dir.resolve("tracker.key"));
            Files.writeString(files.caCert(), pem(ca));
            Files.writeString(files.trackerCert(), pem(tracker));
            Files.writeString(files.trackerKey(), pem(new JcaPKCS8Generator(trackerKeys.getPrivate(), null)));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X500Name issuer, X500Name subject, KeyPair subjectKeys, PrivateKey issuerKey,
                                        boolean isCa) throws GeneralSecurityException, OperatorCreationException,
            IOException {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject,
                subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (!isCa) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static String pem(Object value) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(value);
        }
        return out.toString();
    }
}
