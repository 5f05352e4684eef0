package murder.core.wire.mse;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The spec's HASH(label, ...): SHA-1 over an ASCII label ('req1', 'keyA', ...) and the given byte strings. */
final class MseHash {

    private MseHash() {
    }

    static byte[] of(String label, byte[]... parts) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
        sha1.update(label.getBytes(US_ASCII));
        for (byte[] part : parts) {
            sha1.update(part);
        }
        return sha1.digest();
    }
}
