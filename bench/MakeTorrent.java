import java.nio.file.Files;
import java.nio.file.Path;
import murder.core.torrent.TorrentFactory;

/**
 * Writes the torrent that murder itself would make for FILE (same piece size, private flag), announcing ANNOUNCE, to
 * OUT, and prints its info-hash. bench/netbench.sh uses it so that aria2 swarms the same pieces as murder:
 * {@code java -cp murder-cli/target/murder.jar bench/MakeTorrent.java FILE ANNOUNCE OUT}.
 */
public class MakeTorrent {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: MakeTorrent FILE ANNOUNCE_URL OUT.torrent");
            System.exit(2);
        }
        TorrentFactory.MadeTorrent torrent = TorrentFactory.make(Path.of(args[0]), args[1]);
        Files.write(Path.of(args[2]), torrent.bytes());
        System.out.println(torrent.infoHash());
    }
}
