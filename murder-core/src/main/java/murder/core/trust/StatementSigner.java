package murder.core.trust;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import murder.core.MurderException;
import murder.core.json.Json;

/**
 * Signs deployment statements with an Ed25519 private key. The key file is PKCS#8 PEM; the public key (needed for
 * the keyid) is the {@code PUBLIC KEY} block that {@code murder keygen} puts in the same file, or else the {@code .pub}
 * next to it.
 */
public final class StatementSigner {

    private static final byte[] PROBE = "murder key pair check".getBytes(UTF_8);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyid;

    private StatementSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyid = KeyIds.of(publicKey);
    }

    /** BAD_INPUT if the file is missing, not an Ed25519 PKCS#8 key, or its public key is missing or another's. */
    public static StatementSigner load(Path keyFile) {
        List<byte[]> blocks = Pem.read(keyFile, Pem.PRIVATE_KEY);
        if (blocks.size() != 1) {
            throw MurderException.badInput("signing key " + keyFile + " must hold exactly one PEM 'PRIVATE KEY' "
                    + "block (PKCS#8); it has " + blocks.size() + ": make one with `murder keygen --out PREFIX`");
        }
        PrivateKey privateKey;
        try {
            privateKey = Ed25519.privateKey(blocks.get(0));
        } catch (GeneralSecurityException e) {
            throw MurderException.badInput("signing key " + keyFile + " is not an Ed25519 private key: "
                    + "make one with `murder keygen --out PREFIX`");
        }
        Path pubFile = keyFile;
        List<byte[]> pub = Pem.read(keyFile, Pem.PUBLIC_KEY);
        if (pub.isEmpty()) {
            pubFile = siblingPub(keyFile);
            pub = pubFile.toFile().isFile() ? Pem.read(pubFile, Pem.PUBLIC_KEY) : List.of();
        }
        if (pub.size() != 1) {
            throw MurderException.badInput("cannot tell the public key of " + keyFile + ": put its PEM 'PUBLIC KEY' "
                    + "in " + siblingPub(keyFile) + " (as `murder keygen` does)");
        }
        PublicKey publicKey = TrustedKeys.parsePublic(pub.get(0), pubFile);
        if (!Ed25519.verify(publicKey, PROBE, Ed25519.sign(privateKey, PROBE))) {
            throw MurderException.badInput("the public key in " + pubFile + " does not belong to the private key in "
                    + keyFile + ": use the .pub that `murder keygen` wrote with it");
        }
        return new StatementSigner(privateKey, publicKey);
    }

    public String keyid() {
        return keyid;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public Envelope sign(DeployStatement statement) {
        byte[] payload = Json.write(statement);
        byte[] sig = Ed25519.sign(privateKey, Dsse.pae(Dsse.PAYLOAD_TYPE, payload));
        return new Envelope(Dsse.PAYLOAD_TYPE, Base64.getEncoder().encodeToString(payload),
                List.of(new Envelope.Signature(keyid, Base64.getEncoder().encodeToString(sig))));
    }

    /**
     * The statement in an envelope if this signer's key made it, else empty: lets a release host trust its own
     * earlier versions (say, as the floor for the next one) without trusting whoever handed them over.
     */
    public Optional<DeployStatement> ownStatement(Envelope envelope) {
        return Optional.ofNullable(TrustedKeys.of(List.of(publicKey)).verify(envelope).statement());
    }

    static Path siblingPub(Path keyFile) {
        String name = keyFile.getFileName().toString();
        String base = name.endsWith(".key") ? name.substring(0, name.length() - 4) : name;
        return keyFile.resolveSibling(base + ".pub");
    }
}
