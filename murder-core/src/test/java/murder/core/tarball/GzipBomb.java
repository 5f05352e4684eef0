package murder.core.tarball;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * Writes a tar.gz of files full of zeros that expands about 1000 times, in well under a second: a MiB of zeros is
 * deflated once (flushed so the block stands alone) and that block is repeated, instead of deflating gigabytes.
 */
final class GzipBomb {

    private static final int MIB = 1 << 20;

    private GzipBomb() {
    }

    /** {@code files} files of {@code mibEach} MiB of zeros each. */
    static void write(Path file, int files, int mibEach) throws IOException {
        byte[] zeroMib = new byte[MIB];
        byte[] zeroBlock = deflate(zeroMib, false);
        CRC32 crc = new CRC32();
        long size = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
            for (int i = 0; i < files; i++) {
                TarArchiveEntry entry = new TarArchiveEntry("zeros-" + i + ".bin");
                entry.setSize((long) mibEach * MIB);
                byte[] header = new byte[512];
                entry.writeEntryHeader(header);
                out.write(deflate(header, false));
                crc.update(header);
                size += header.length;
                for (int m = 0; m < mibEach; m++) {
                    out.write(zeroBlock);
                    crc.update(zeroMib);
                    size += MIB;
                }
            }
            byte[] end = new byte[1024]; // two zero records: the end of the archive
            out.write(deflate(end, true));
            crc.update(end);
            size += end.length;
            writeIntLe(out, crc.getValue());
            writeIntLe(out, size);
        }
    }

    /** Raw deflate of {@code data}: flushed as a stand-alone piece, or the final one. */
    private static byte[] deflate(byte[] data, boolean last) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(data);
            byte[] buffer = new byte[data.length + 1024]; // more than deflate can ever produce from data
            int length;
            if (last) {
                deflater.finish();
                length = 0;
                while (!deflater.finished()) {
                    length += deflater.deflate(buffer, length, buffer.length - length);
                }
            } else {
                length = deflater.deflate(buffer, 0, buffer.length, Deflater.FULL_FLUSH);
            }
            return Arrays.copyOf(buffer, length);
        } finally {
            deflater.end();
        }
    }

    private static void writeIntLe(OutputStream out, long value) throws IOException {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }
}
