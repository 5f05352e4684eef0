package murder.core.tarball;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An I/O error from reading the tarball, marked so the copy loop cannot take it for a write error. */
final class ReadError extends IOException {

    private ReadError(IOException cause) {
        super(cause.getMessage(), cause);
    }

    /** {@code in}, with its I/O errors marked as read errors. */
    static InputStream marking(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (ReadError e) {
                    throw e;
                } catch (IOException e) {
                    throw new ReadError(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (ReadError e) {
                    throw e;
                } catch (IOException e) {
                    throw new ReadError(e);
                }
            }

            @Override
            public void close() {
                // the caller closes the stream it wrapped
            }
        };
    }

    /** The original error. */
    IOException original() {
        return (IOException) getCause();
    }
}
