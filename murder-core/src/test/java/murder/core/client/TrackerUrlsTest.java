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
    void rejectsABadPortCredentialsAndQueries() {
        assertThatThrownBy(() -> TrackerUrls.parse("http://127.0.0.1:99999"))
                .isInstanceOf(MurderException.class).hasMessageContaining("port 99999 is not 1 to 65535");
        assertThatThrownBy(() -> TrackerUrls.parse("http://127.0.0.1:0")).hasMessageContaining("port 0 is not");
        assertThatThrownBy(() -> TrackerUrls.parse("https://me:pw@tracker.example"))
                .hasMessageContaining("credentials do not go in the URL");
        assertThatThrownBy(() -> TrackerUrls.parse("http://tracker.example:7070/?a=b"))
                .hasMessageContaining("no ?query or #fragment");
        assertThatThrownBy(() -> TrackerUrls.parse("http://tracker.example:7070#x"))
                .hasMessageContaining("no ?query or #fragment");
        assertThat(TrackerUrls.parse("https://tracker.example").toString()).isEqualTo("https://tracker.example");
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
