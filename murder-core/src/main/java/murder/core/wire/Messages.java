package murder.core.wire;

import java.nio.ByteBuffer;
import java.util.BitSet;

/** BitTorrent peer-wire messages (BEP 3): ids, encoders, and the bitfield's bit order. */
final class Messages {

    static final int CHOKE = 0;
    static final int UNCHOKE = 1;
    static final int INTERESTED = 2;
    static final int NOT_INTERESTED = 3;
    static final int HAVE = 4;
    static final int BITFIELD = 5;
    static final int REQUEST = 6;
    static final int PIECE = 7;
    static final int CANCEL = 8;

    /** The block size every client requests and serves (larger requests are refused by many). */
    static final int BLOCK = 16 * 1024;
    /** The largest block we serve to a peer that asks for more than {@link #BLOCK}. */
    static final int MAX_BLOCK = 128 * 1024;

    private Messages() {
    }

    static ByteBuffer keepAlive() {
        return ByteBuffer.allocate(4);
    }

    static ByteBuffer simple(int id) {
        return ByteBuffer.allocate(5).putInt(1).put((byte) id).flip();
    }

    static ByteBuffer have(int piece) {
        return ByteBuffer.allocate(9).putInt(5).put((byte) HAVE).putInt(piece).flip();
    }

    static ByteBuffer request(int id, int piece, int begin, int length) {
        return ByteBuffer.allocate(17).putInt(13).put((byte) id).putInt(piece).putInt(begin).putInt(length).flip();
    }

    static ByteBuffer pieceHeader(int piece, int begin, int length) {
        return ByteBuffer.allocate(13).putInt(9 + length).put((byte) PIECE).putInt(piece).putInt(begin).flip();
    }

    static ByteBuffer bitfield(BitSet pieces, int count) {
        byte[] bits = toBytes(pieces, count);
        return ByteBuffer.allocate(5 + bits.length).putInt(1 + bits.length).put((byte) BITFIELD).put(bits).flip();
    }

    /** Piece 0 is the high bit of the first byte. */
    static byte[] toBytes(BitSet pieces, int count) {
        byte[] bits = new byte[(count + 7) / 8];
        for (int i = pieces.nextSetBit(0); i >= 0 && i < count; i = pieces.nextSetBit(i + 1)) {
            bits[i >>> 3] |= (byte) (0x80 >>> (i & 7));
        }
        return bits;
    }

    /** @throws IllegalArgumentException if the length is wrong or spare bits are set (BEP 3 says drop the peer) */
    static BitSet fromBytes(ByteBuffer bits, int count) {
        if (bits.remaining() != (count + 7) / 8) {
            throw new IllegalArgumentException("bitfield of " + bits.remaining() + " bytes for " + count + " pieces");
        }
        BitSet pieces = new BitSet(count);
        for (int i = 0; i < bits.remaining() * 8; i++) {
            if ((bits.get(bits.position() + (i >>> 3)) & (0x80 >>> (i & 7))) != 0) {
                if (i >= count) {
                    throw new IllegalArgumentException("bitfield sets spare bit " + i + " (" + count + " pieces)");
                }
                pieces.set(i);
            }
        }
        return pieces;
    }
}
