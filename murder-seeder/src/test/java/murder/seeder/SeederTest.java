package murder.seeder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import murder.core.MurderException;
import murder.core.bt.BtSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeederTest {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path tmp;

    @Test
    void seedsOnTheRequestedPortAndFreesItWhenClosed() throws IOException {
        PreparedRelease release = prepare();
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            port = probe.getLocalPort();
        }
        try (Seeder seeder = Seeder.start(release, new BtSettings(LOOPBACK, port))) {
            assertThat(seeder.port()).isEqualTo(port);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 2_000); // bt accepts peers there
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> seeder.progress().percent() == 100);
        }
    }

    @Test
    void aTakenPortIsAClearError() throws IOException {
        PreparedRelease release = prepare();
        try (ServerSocket taken = new ServerSocket(0, 1, LOOPBACK)) {
            assertThatThrownBy(() -> Seeder.start(release, new BtSettings(LOOPBACK, taken.getLocalPort())))
                    .isInstanceOf(MurderException.class)
                    .hasMessageContaining("BitTorrent port " + taken.getLocalPort())
                    .hasMessageContaining("choose another --port");
        }
    }

    private PreparedRelease prepare() throws IOException {
        Path build = Files.createDirectories(tmp.resolve("build"));
        Files.write(build.resolve("blob"), new byte[600_000]);
        return ReleasePacker.prepare(build, "r1", Files.createDirectories(tmp.resolve("work")),
                "http://127.0.0.1:1/announce");
    }
}
