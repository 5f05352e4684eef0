package murder.core.trust;

import java.security.PublicKey;
import java.util.HexFormat;
import murder.core.Sha256;

/** A key's id: hex SHA-256 of its X.509 SubjectPublicKeyInfo DER, the same bytes as in its {@code .pub} file. */
public final class KeyIds {

    private KeyIds() {
    }

    public static String of(PublicKey key) {
        return HexFormat.of().formatHex(Sha256.newDigest().digest(key.getEncoded()));
    }

}
