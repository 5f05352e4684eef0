package murder.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HexFormat;
import murder.core.api.RegisterRelease;
import murder.core.client.TrackerClient;
import murder.tracker.auth.AuthSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad announce parameters are refused with a BEP 3 failure reason over a real socket, never wrapped or a 5xx. */
class AnnounceValidationTest {

    private static final String PEER_ID = "-MU0001-abcdefghijkl";

    @TempDir
    Path dataDir;
    @TempDir
    Path work;

    private TrackerDaemon tracker;
    private String infoHash;

    @BeforeEach
    void start() throws Exception {
        tracker = TrackerDaemon.start(TrackerConfig.defaults(dataDir).withBindAddress("127.0.0.1").withPort(0)
                .withAuth(AuthSettings.NO_AUTH));
        RegisterRelease release = TestReleases.make(work, "r1", "a");
        new TrackerClient(tracker.url()).registerRelease(release.manifest(), release.torrent());
        infoHash = pct(HexFormat.of().parseHex(release.manifest().infoHash()));
    }

    @AfterEach
    void stop() {
        tracker.close();
    }

    @Test
    void aValidAnnounceIsAnswered() throws Exception {
        assertThat(announce("port=6881&left=0&uploaded=0&downloaded=0")).contains("8:intervali")
                .doesNotContain("failure");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "port=70000&left=0                  | port must be 1..65535, got 70000",
        "port=4294967376&left=0             | port must be 1..65535, got 4294967376",
        "port=0&left=0                      | port must be 1..65535, got 0",
        "port=-1&left=0                     | port must be 1..65535, got -1",
        "port=http&left=0                   | port must be a whole number in 0..9223372036854775807, got 'http'",
        "port=99999999999999999999&left=0   | port must be a whole number",
        "left=0                             | missing parameter port",
        "port=6881&left=-5                  | left must not be negative, got -5",
        "port=6881&uploaded=x               | uploaded must be a whole number",
        "port=6881&downloaded=-1            | downloaded must not be negative",
        "port=6881&numwant=lots             | numwant must be a whole number",
    })
    void badNumbersGetAFailureReason(String params, String reason) throws Exception {
        assertThat(announce(params)).startsWith("d14:failure reason").contains("bad announce: " + reason);
    }

    @Test
    void binaryIdsMustBeTwentyBytes() throws Exception {
        assertThat(RawHttp.get(tracker.url(), "/announce?info_hash=%01%02&peer_id=" + PEER_ID + "&port=1"))
                .contains("info_hash must be 20 bytes, got 2");
        assertThat(RawHttp.get(tracker.url(), "/announce?info_hash=" + infoHash + "&peer_id=short&port=1"))
                .contains("peer_id must be 20 bytes, got 5");
        assertThat(RawHttp.get(tracker.url(), "/announce?info_hash=%zz&peer_id=" + PEER_ID + "&port=1"))
                .contains("invalid percent-escape in query: %zz");
    }

    private String announce(String params) throws Exception {
        return RawHttp.get(tracker.url(), "/announce?info_hash=" + infoHash + "&peer_id=" + PEER_ID + "&" + params);
    }

    private static String pct(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(HexFormat.of().toHexDigits(b));
        }
        return out.toString();
    }
}
