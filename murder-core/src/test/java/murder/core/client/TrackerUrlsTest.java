package murder.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import murder.core.MurderException;
import org.junit.jupiter.api.Test;

class TrackerUrlsTest {

    @Test
    void stripsTrailingSlashes() {
        assertThat(TrackerUrls.parse("http://127.0.0.1:7070/").toString()).isEqualTo("http://127.0.0.1:7070");
    }

    @Test
    void rejectsUrlsThatAreNotHttp() {
        assertThatThrownBy(() -> TrackerUrls.parse("127.0.0.1:7070"))
                .isInstanceOf(MurderException.class).hasMessageContaining("expected http://HOST:PORT");
        assertThatThrownBy(() -> TrackerUrls.parse("ftp://x"))
                .isInstanceOf(MurderException.class).hasMessageContaining("invalid tracker URL 'ftp://x'");
        assertThatThrownBy(() -> TrackerUrls.parse("http://bad host"))
                .isInstanceOf(MurderException.class).hasMessageContaining("invalid tracker URL");
    }

    @Test
    void anUnreachableTrackerIsUnavailableWithAHint() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        TrackerClient client = new TrackerClient(TrackerUrls.parse("http://127.0.0.1:" + closedPort));
        assertThatThrownBy(client::status)
                .isInstanceOf(MurderException.class)
                .hasMessageContaining("cannot reach the tracker at http://127.0.0.1:" + closedPort)
                .satisfies(e -> assertThat(((MurderException) e).kind()).isEqualTo(MurderException.Kind.UNAVAILABLE));
    }
}
