package murder.core.wire.mse;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * An MSE initiator written from the spec for tests: each field it sends can be set, including wrong ones.
 * Sends Ya+PadA, reads Yb, sends step 3 (with IA) and syncs on the responder's ENCRYPT(VC).
 */
final class MseTestInitiator {

    /** The streams after the handshake: encrypted ones if RC4 was selected, the raw ones otherwise. */
    record Result(InputStream in, OutputStream out, int cryptoSelect) {
    }

    private final byte[] infoHash;
    int cryptoProvide = 0x02;
    int padALength = 100;
    int padCLength = 17;
    byte[] vc = new byte[8];
    byte[] ia = new byte[0];

    MseTestInitiator(byte[] infoHash) {
        this.infoHash = infoHash;
    }

    Result connect(InputStream rawIn, OutputStream rawOut) throws IOException {
        InputStream in = new BufferedInputStream(rawIn);
        DhKeys keys = new DhKeys();

        // 1: Ya, PadA
        ByteArrayOutputStream step1 = new ByteArrayOutputStream();
        step1.write(keys.publicKey());
        step1.write(random(padALength));
        rawOut.write(step1.toByteArray());
        rawOut.flush();

        // 2: Yb (PadB follows, unknown length; skipped by syncing on the encrypted VC below)
        byte[] secret = keys.sharedSecret(readN(in, DhKeys.KEY_BYTES));

        // 3
        ByteArrayOutputStream plain = new ByteArrayOutputStream();
        plain.write(MseHash.of("req1", secret));
        byte[] req2 = MseHash.of("req2", infoHash);
        byte[] req3 = MseHash.of("req3", secret);
        for (int i = 0; i < req2.length; i++) {
            plain.write(req2[i] ^ req3[i]);
        }
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        encrypted.write(vc);
        encrypted.write(new byte[] {
                (byte) (cryptoProvide >>> 24), (byte) (cryptoProvide >>> 16), (byte) (cryptoProvide >>> 8),
                (byte) cryptoProvide});
        encrypted.write(new byte[] {(byte) (padCLength >>> 8), (byte) padCLength});
        encrypted.write(new byte[padCLength]);
        encrypted.write(new byte[] {(byte) (ia.length >>> 8), (byte) ia.length});
        encrypted.write(ia);
        byte[] tail = encrypted.toByteArray();
        Cipher toResponder = Rc4Streams.cipher("keyA", secret, infoHash);
        Rc4Streams.apply(toResponder, tail, 0, tail.length);
        plain.write(tail);
        rawOut.write(plain.toByteArray());
        rawOut.flush();

        // 4: find ENCRYPT(VC) within PadB's longest extent
        Cipher fromResponder = Rc4Streams.cipher("keyB", secret, infoHash);
        byte[] encryptedVc = new byte[8];
        Rc4Streams.apply(fromResponder, encryptedVc, 0, 8);
        byte[] window = readN(in, 8);
        int skipped = 0;
        while (!Arrays.equals(window, encryptedVc)) {
            if (++skipped > 512) {
                throw new IOException("test initiator: no ENCRYPT(VC) within PadB");
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("test initiator: closed before ENCRYPT(VC)");
            }
            System.arraycopy(window, 1, window, 0, 7);
            window[7] = (byte) b;
        }
        InputStream decrypting = new Rc4Streams.Decrypting(in, fromResponder);
        byte[] select = readN(decrypting, 4);
        byte[] padD = readN(decrypting, 2);
        readN(decrypting, (padD[0] & 0xFF) << 8 | padD[1] & 0xFF);
        int cryptoSelect = select[3] & 0xFF;
        OutputStream encrypting = new Rc4Streams.Encrypting(rawOut, toResponder);
        return cryptoSelect == 0x02
                ? new Result(decrypting, encrypting, cryptoSelect)
                : new Result(in, rawOut, cryptoSelect);
    }

    private static byte[] readN(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new EOFException("test initiator: closed after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        DhKeys.RANDOM.nextBytes(b);
        return b;
    }
}
