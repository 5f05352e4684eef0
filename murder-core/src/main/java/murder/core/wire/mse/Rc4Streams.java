package murder.core.wire.mse;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * MSE's RC4 (keys HASH('keyA'|'keyB', S, SKEY), first 1024 keystream bytes discarded) as streams. A stream
 * holds its cipher's state, so each is for one thread at a time; the two directions have separate ciphers.
 */
final class Rc4Streams {

    private static final int DISCARDED = 1024;

    private Rc4Streams() {
    }

    /** The RC4 cipher for one direction: keyName is "keyA" for initiator to responder, "keyB" the other way. */
    static Cipher cipher(String keyName, byte[] secret, byte[] skey) {
        try {
            Cipher rc4 = Cipher.getInstance("ARCFOUR");
            // RC4 is symmetric: encrypting and decrypting are the same keystream xor
            rc4.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(MseHash.of(keyName, secret, skey), "ARCFOUR"));
            rc4.update(new byte[DISCARDED]); // RC4's first bytes leak key material
            return rc4;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RC4 (ARCFOUR) is not available in this Java runtime", e);
        }
    }

    /** xor in place; RC4 never buffers, so exactly {@code len} bytes come out. */
    static void apply(Cipher rc4, byte[] b, int off, int len) {
        if (len <= 0) {
            return;
        }
        try {
            rc4.update(b, off, len, b, off);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decrypts what it reads; reads no more from the source than the caller asks for (no read-ahead). */
    static final class Decrypting extends FilterInputStream {

        private final Cipher rc4;

        Decrypting(InputStream source, Cipher rc4) {
            super(source);
            this.rc4 = rc4;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            apply(rc4, b, off, n);
            return n;
        }

        /** Skipped bytes still advance the keystream, so they are read and decrypted. */
        @Override
        public long skip(long n) throws IOException {
            byte[] scratch = new byte[(int) Math.min(n, 8192)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public synchronized void mark(int readlimit) {
        }

        @Override
        public synchronized void reset() throws IOException {
            throw new IOException("mark/reset not supported");
        }
    }

    /** Encrypts into its own buffer (the caller's array is left alone) and writes through unbuffered. */
    static final class Encrypting extends FilterOutputStream {

        private final Cipher rc4;
        private final byte[] buffer = new byte[16 * 1024];

        Encrypting(OutputStream sink, Cipher rc4) {
            super(sink);
            this.rc4 = rc4;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            while (len > 0) {
                int n = Math.min(len, buffer.length);
                System.arraycopy(b, off, buffer, 0, n);
                apply(rc4, buffer, 0, n);
                out.write(buffer, 0, n);
                off += n;
                len -= n;
            }
        }
    }
}
