package murder.core.wire.mse;

import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;

/** One side's Diffie-Hellman key pair over MSE's fixed 768-bit group (G = 2); keys and secrets travel as 96 bytes. */
final class DhKeys {

    static final BigInteger P = new BigInteger(
            "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
                    + "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A63A36210000000000090563",
            16);
    static final BigInteger G = BigInteger.TWO;
    static final int KEY_BYTES = 96;
    /** The spec asks for at least 128 bits and recommends 160. */
    private static final int PRIVATE_KEY_BITS = 160;

    static final SecureRandom RANDOM = new SecureRandom();

    private final BigInteger privateKey = new BigInteger(PRIVATE_KEY_BITS, RANDOM);
    private final byte[] publicKey = encode(G.modPow(privateKey, P));

    byte[] publicKey() {
        return publicKey.clone();
    }

    /** S = Y^x mod P for the peer's 96-byte public key Y. */
    byte[] sharedSecret(byte[] peerPublicKey) throws IOException {
        BigInteger y = new BigInteger(1, peerPublicKey);
        // 0, 1 and P-1 (and anything not below P) would give a secret an eavesdropper can guess
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(P.subtract(BigInteger.ONE)) >= 0) {
            throw new IOException("MSE: the peer's public key is out of range (not in 2..P-2)");
        }
        return encode(y.modPow(privateKey, P));
    }

    /** Big-endian, left-padded with zeros to 96 bytes, as the spec puts numbers on the wire. */
    static byte[] encode(BigInteger value) {
        byte[] raw = value.toByteArray(); // may carry a leading sign byte, or be shorter than 96
        byte[] out = new byte[KEY_BYTES];
        int n = Math.min(raw.length, KEY_BYTES);
        System.arraycopy(raw, raw.length - n, out, KEY_BYTES - n, n);
        return out;
    }
}
