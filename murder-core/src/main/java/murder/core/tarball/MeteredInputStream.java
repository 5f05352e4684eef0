package murder.core.tarball;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Sits between gzip and tar and refuses to hand out more than the caller allowed. Commons Compress reads a GNU
 * long name or a PAX header whole into memory; without this, a small tarball could make it hold gigabytes.
 */
final class MeteredInputStream extends FilterInputStream {

    private long position;
    private long limit;
    private String over;

    MeteredInputStream(InputStream in) {
        super(in);
    }

    /** Allows reading up to {@code bytes} more; past that, reading fails with {@code reason}. */
    void allow(long bytes, String reason) {
        limit = bytes > Long.MAX_VALUE - position ? Long.MAX_VALUE : position + bytes;
        over = reason;
    }

    @Override
    public int read() throws IOException {
        check(1);
        int b = super.read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check(len);
        int n = super.read(b, off, (int) Math.min(len, limit - position));
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        check(n);
        long skipped = super.skip(Math.min(n, limit - position));
        position += Math.max(skipped, 0);
        return skipped;
    }

    private void check(long wanted) {
        if (wanted > 0 && position >= limit) {
            throw new Refusal(over);
        }
    }
}
