package murder.core.wire.mse;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * An accepted connection after {@link IncomingHandshake#accept}: the streams to speak the peer wire protocol on.
 *
 * @param in yields the peer's bytes from the first byte of its BitTorrent handshake on (decrypted when encrypted)
 * @param out writes to the peer (encrypting when encrypted; the raw stream otherwise)
 * @param encrypted whether RC4 was selected, i.e. whether {@code out} is not the raw socket stream
 * @param infoHash the torrent the MSE initiator asked for; null for a plaintext BitTorrent handshake
 */
public record Incoming(InputStream in, OutputStream out, boolean encrypted, byte[] infoHash) {
}
