package murder.core.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEMap;
import bt.bencoding.types.BEString;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Random;
import murder.core.MurderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentFactoryTest {

    @TempDir
    Path tmp;

    @Test
    void pieceSizeGrowsWithTheReleaseWithinBounds() {
        assertThat(TorrentFactory.pieceSizeFor(1)).isEqualTo(64 * 1024);
        assertThat(TorrentFactory.pieceSizeFor(255L * 128 * 1024)).isEqualTo(64 * 1024); // 128 KiB: 255 pieces
        assertThat(TorrentFactory.pieceSizeFor(255L * 128 * 1024 + 1)).isEqualTo(128 * 1024); // 256 pieces
        assertThat(TorrentFactory.pieceSizeFor(64L << 20)).isEqualTo(256 * 1024);
        assertThat(TorrentFactory.pieceSizeFor(512L << 20)).isEqualTo(256 * 1024);
        assertThat(TorrentFactory.pieceSizeFor((512L << 20) + 1)).isEqualTo(512 * 1024); // at most 2048 pieces
        assertThat(TorrentFactory.pieceSizeFor(1L << 30)).isEqualTo(512 * 1024);
        assertThat(TorrentFactory.pieceSizeFor(1L << 40)).isEqualTo(8 * 1024 * 1024);
    }

    @Test
    void makesAPrivateTorrentWhosePieceHashesMatchTheFile() throws Exception {
        byte[] content = new byte[700_000];
        new Random(7).nextBytes(content);
        Path file = Files.write(tmp.resolve("r1.tar.gz"), content);

        TorrentFactory.MadeTorrent made = TorrentFactory.make(file, "http://127.0.0.1:1/announce");

        BEMap torrent = new BEParser(made.bytes()).readMap();
        assertThat(((BEString) torrent.getValue().get("announce")).getValueAsString())
                .isEqualTo("http://127.0.0.1:1/announce");
        BEMap info = (BEMap) torrent.getValue().get("info");
        assertThat(((BEInteger) info.getValue().get("private")).getValue().intValue()).isEqualTo(1);
        assertThat(((BEString) info.getValue().get("name")).getValueAsString()).isEqualTo("r1.tar.gz");
        assertThat(((BEInteger) info.getValue().get("length")).getValue().longValue()).isEqualTo(700_000L);
        byte[] pieces = ((BEString) info.getValue().get("pieces")).getValue();
        int pieceSize = made.pieceSize();
        assertThat(pieces.length).isEqualTo(20 * ((content.length + pieceSize - 1) / pieceSize));
        for (int i = 0; i * pieceSize < content.length; i++) {
            byte[] piece = Arrays.copyOfRange(content, i * pieceSize, Math.min(content.length, (i + 1) * pieceSize));
            byte[] expected = MessageDigest.getInstance("SHA-1").digest(piece);
            assertThat(Arrays.copyOfRange(pieces, i * 20, i * 20 + 20)).isEqualTo(expected);
        }
        assertThat(made.infoHash()).hasSize(40).isEqualTo(InfoHash.of(made.bytes()));
    }

    @Test
    void infoHashOfGarbageIsBadInput() {
        assertThatThrownBy(() -> InfoHash.of("garbage".getBytes()))
                .isInstanceOf(MurderException.class);
    }
}
