package murder.core.wire.mse;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import javax.crypto.Cipher;

/**
 * The accepting side of a peer connection: a plaintext BitTorrent handshake passes through, anything else is taken
 * for the start of Message Stream Encryption (MSE/PE, the Vuze/libtorrent spec) and answered as its responder.
 *
 * <pre>
 * 1 A->B: Ya, PadA
 * 2 B->A: Yb, PadB
 * 3 A->B: HASH('req1', S), HASH('req2', SKEY) xor HASH('req3', S),
 *         ENCRYPT(VC, crypto_provide, len(PadC), PadC, len(IA)), ENCRYPT(IA)
 * 4 B->A: ENCRYPT(VC, crypto_select, len(padD), padD), ENCRYPT2(payload)
 * </pre>
 *
 * Reads are bounded by the spec's maxima (Ya 96, PadA 512, PadC 512, IA 65535), so with the caller's SO_TIMEOUT
 * a peer cannot hold the handshake open indefinitely or make it buffer without limit.
 */
public final class IncomingHandshake {

    private static final byte[] PLAINTEXT_START = "\u0013BitTorrent protocol".getBytes(US_ASCII);
    private static final int MAX_PADDING = 512;
    private static final int HASH_BYTES = 20;
    /** Ya, the longest PadA, then HASH('req1', S): where the initiator's sync marker must have ended. */
    private static final int SYNC_LIMIT = DhKeys.KEY_BYTES + MAX_PADDING + HASH_BYTES;
    private static final int VC_BYTES = 8;
    private static final int PLAINTEXT = 0x01;
    private static final int RC4 = 0x02;

    private IncomingHandshake() {
    }

    /**
     * Reads the connection's first bytes and, for MSE, completes the handshake (writing to {@code out}).
     *
     * @param infoHashes the 20-byte info-hashes an MSE initiator may ask for
     * @throws IOException if the peer closes, times out (per the socket's SO_TIMEOUT) or sends something malformed;
     *                     the message says which
     */
    public static Incoming accept(InputStream in, OutputStream out, Collection<byte[]> infoHashes) throws IOException {
        byte[] head = new byte[SYNC_LIMIT];
        readFully(in, head, 0, 1, "the connection's first byte");
        int have = 1;
        if (head[0] == PLAINTEXT_START[0]) {
            // an MSE Ya starts with 19 once in 256: only the whole protocol string tells them apart
            readFully(in, head, 1, PLAINTEXT_START.length - 1, "the handshake's first 20 bytes");
            have = PLAINTEXT_START.length;
            if (Arrays.equals(head, 0, have, PLAINTEXT_START, 0, have)) {
                return new Incoming(replay(head, 0, have, in), out, false, null);
            }
        }
        return respond(in, out, infoHashes, head, have);
    }

    private static Incoming respond(InputStream raw, OutputStream out, Collection<byte[]> infoHashes, byte[] head,
            int have) throws IOException {
        // 1, 2: Ya in, Yb and our padding out; the initiator sends step 3 only after it has Yb
        readFully(raw, head, have, DhKeys.KEY_BYTES - have, "Ya");
        have = DhKeys.KEY_BYTES;
        DhKeys keys = new DhKeys();
        byte[] secret = keys.sharedSecret(Arrays.copyOf(head, DhKeys.KEY_BYTES));
        byte[] hello = Arrays.copyOf(keys.publicKey(), DhKeys.KEY_BYTES + DhKeys.RANDOM.nextInt(MAX_PADDING + 1));
        byte[] padding = new byte[hello.length - DhKeys.KEY_BYTES];
        DhKeys.RANDOM.nextBytes(padding);
        System.arraycopy(padding, 0, hello, DhKeys.KEY_BYTES, padding.length);
        out.write(hello);
        out.flush();

        // 3: PadA has no length field, so the sync marker is looked for within its longest extent
        byte[] marker = MseHash.of("req1", secret);
        int markerEnd = -1;
        while (markerEnd < 0) {
            int n = readSome(raw, head, have, SYNC_LIMIT - have, "PadA and the sync marker");
            if (n < 0) {
                throw new EOFException("MSE: connection closed after " + have + " bytes, before the sync marker");
            }
            int searchFrom = Math.max(DhKeys.KEY_BYTES, have - HASH_BYTES + 1);
            have += n;
            markerEnd = find(head, searchFrom, have, marker);
            if (markerEnd < 0 && have == SYNC_LIMIT) {
                throw new IOException("MSE: no sync marker within " + SYNC_LIMIT + " bytes");
            }
        }
        // what came after the marker is step 3's rest (and maybe payload): read it before the socket's next bytes
        InputStream rest = replay(head, markerEnd, have, raw);

        byte[] torrentHash = new byte[HASH_BYTES];
        readFully(rest, torrentHash, 0, HASH_BYTES, "HASH('req2', SKEY) xor HASH('req3', S)");
        byte[] infoHash = identify(torrentHash, secret, infoHashes);

        Cipher fromInitiator = Rc4Streams.cipher("keyA", secret, infoHash);
        Cipher toInitiator = Rc4Streams.cipher("keyB", secret, infoHash);
        InputStream decrypting = new Rc4Streams.Decrypting(rest, fromInitiator);
        byte[] fields = new byte[VC_BYTES + 4 + 2];
        readFully(decrypting, fields, 0, fields.length, "VC, crypto_provide and len(PadC)");
        if (!Arrays.equals(fields, 0, VC_BYTES, new byte[VC_BYTES], 0, VC_BYTES)) {
            throw new IOException("MSE: wrong VC (" + hex(fields, 0, VC_BYTES) + " instead of zeros)");
        }
        int provide = int32(fields, VC_BYTES);
        int padC = uint16(fields, VC_BYTES + 4);
        if (padC > MAX_PADDING) {
            throw new IOException("MSE: len(PadC) " + padC + " exceeds " + MAX_PADDING);
        }
        readFully(decrypting, new byte[padC], 0, padC, "PadC");
        byte[] iaLength = new byte[2];
        readFully(decrypting, iaLength, 0, 2, "len(IA)");
        byte[] ia = new byte[uint16(iaLength, 0)];
        readFully(decrypting, ia, 0, ia.length, "IA");

        // plaintext when offered: the payload is then our engine's plain bytes (sendfile), and RC4 hides little
        int select;
        if ((provide & PLAINTEXT) != 0) {
            select = PLAINTEXT;
        } else if ((provide & RC4) != 0) {
            select = RC4;
        } else {
            throw new IOException(String.format(
                    "MSE: initiator offers no method we support (crypto_provide 0x%08x)", provide));
        }

        // 4: VC, crypto_select, len(padD) = 0, always encrypted; the payload after it only if RC4 was selected
        OutputStream encrypting = new Rc4Streams.Encrypting(out, toInitiator);
        byte[] answer = new byte[VC_BYTES + 4 + 2];
        answer[VC_BYTES + 3] = (byte) select;
        encrypting.write(answer);
        encrypting.flush();

        boolean rc4 = select == RC4;
        InputStream payload = rc4 ? decrypting : rest;
        return new Incoming(replay(ia, 0, ia.length, payload), rc4 ? encrypting : out, rc4, infoHash.clone());
    }

    /** HASH('req2', SKEY) xor HASH('req3', S) names the torrent without sending its info-hash in the clear. */
    private static byte[] identify(byte[] torrentHash, byte[] secret, Collection<byte[]> infoHashes)
            throws IOException {
        byte[] req3 = MseHash.of("req3", secret);
        byte[] req2 = new byte[HASH_BYTES];
        for (int i = 0; i < HASH_BYTES; i++) {
            req2[i] = (byte) (torrentHash[i] ^ req3[i]);
        }
        for (byte[] infoHash : infoHashes) {
            if (MessageDigest.isEqual(MseHash.of("req2", infoHash), req2)) {
                return infoHash;
            }
        }
        throw new IOException("MSE: unknown torrent (matches none of our " + infoHashes.size() + " info-hashes)");
    }

    /** Index just past the first {@code pattern} starting in [from, to - pattern.length], or -1. */
    private static int find(byte[] b, int from, int to, byte[] pattern) {
        for (int i = from; i + pattern.length <= to; i++) {
            if (Arrays.equals(b, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i + pattern.length;
            }
        }
        return -1;
    }

    /** The bytes already read (b[from, to)) and then the stream: nothing read during the handshake is lost. */
    private static InputStream replay(byte[] b, int from, int to, InputStream then) {
        return from == to ? then : new SequenceInputStream(new ByteArrayInputStream(b, from, to - from), then);
    }

    private static void readFully(InputStream in, byte[] b, int off, int len, String what) throws IOException {
        int got;
        try {
            got = in.readNBytes(b, off, len);
        } catch (SocketTimeoutException e) {
            throw timedOut(what, e);
        }
        if (got < len) {
            throw new EOFException("MSE: connection closed while reading " + what + " (" + got + " of " + len
                    + " bytes came)");
        }
    }

    private static int readSome(InputStream in, byte[] b, int off, int len, String what) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (SocketTimeoutException e) {
            throw timedOut(what, e);
        }
    }

    private static SocketTimeoutException timedOut(String what, SocketTimeoutException e) {
        SocketTimeoutException named = new SocketTimeoutException("MSE: timed out reading " + what);
        named.initCause(e);
        return named;
    }

    private static int int32(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | b[off + 3] & 0xFF;
    }

    private static int uint16(byte[] b, int off) {
        return (b[off] & 0xFF) << 8 | b[off + 1] & 0xFF;
    }

    private static String hex(byte[] b, int off, int len) {
        return "0x" + HexFormat.of().formatHex(b, off, off + len);
    }
}
