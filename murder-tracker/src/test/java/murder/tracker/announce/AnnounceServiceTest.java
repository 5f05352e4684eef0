package murder.tracker.announce;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import bt.bencoding.serializers.BEParser;
import bt.bencoding.types.BEInteger;
import bt.bencoding.types.BEString;
import bt.bencoding.model.BEObject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import murder.tracker.MutableClock;
import org.junit.jupiter.api.Test;

class AnnounceServiceTest {

    private static final byte[] HASH = HexFormat.of().parseHex("ffeeddccbbaa99887766554433221100ffeeddcc");
    private static final String HEX = HexFormat.of().formatHex(HASH);

    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    private final AnnounceService service = service(false);

    private AnnounceService service(boolean trustPeerIp) {
        return new AnnounceService(new PeerStore(clock, Duration.ofSeconds(30)), HEX::equals, Duration.ofSeconds(2),
                trustPeerIp);
    }

    @Test
    void unknownInfoHashGetsFailureReason() throws Exception {
        byte[] other = HexFormat.of().parseHex("0000000000000000000000000000000000000001");
        String answer = new String(service.announce(RawQuery.parse(Queries.announce(other, 1, 6881, 0, "")), ip("10.0.0.1")),
                ISO_8859_1);
        assertThat(answer).startsWith("d14:failure reason").contains("unknown info_hash 00000000");
    }

    @Test
    void malformedAnnounceGetsFailureReason() throws Exception {
        String answer = new String(service.announce(RawQuery.parse("info_hash=" + Queries.pct(HASH) + "&port=1"),
                ip("10.0.0.1")), ISO_8859_1);
        assertThat(answer).startsWith("d14:failure reason").contains("peer_id");
    }

    @Test
    void leftZeroCountsAsCompleteWithoutCompletedEvent() throws Exception {
        announce(service, 1, "10.0.0.1", 6881, 0, "");
        Map<String, BEObject<?>> answer = announce(service, 2, "10.0.0.2", 6881, 500, "&event=started");

        assertThat(number(answer, "complete")).isEqualTo(1);
        assertThat(number(answer, "incomplete")).isEqualTo(1);
        assertThat(number(answer, "interval")).isEqualTo(2);
    }

    @Test
    void everyAnswerHasIntervalAndPeersAlsoForStoppedAndCompleted() throws Exception {
        announce(service, 1, "10.0.0.1", 6881, 100, "");
        Map<String, BEObject<?>> completed = announce(service, 2, "10.0.0.2", 6881, 0, "&event=completed&numwant=0");
        Map<String, BEObject<?>> stopped = announce(service, 2, "10.0.0.2", 6881, 0, "&event=stopped&numwant=0");

        for (Map<String, BEObject<?>> answer : List.of(completed, stopped)) {
            assertThat(answer).containsKeys("interval", "peers", "complete", "incomplete");
            assertThat(peers(answer)).isEmpty();
        }
        assertThat(number(stopped, "complete")).as("stopped peer left the swarm").isZero();
        assertThat(number(stopped, "incomplete")).isEqualTo(1);
    }

    @Test
    void everyAnswerHasAMinIntervalNoLongerThanTheInterval() throws Exception {
        // bt announces at the longer of its own 2 s and min interval: a longer one would slow murder's agents
        Map<String, BEObject<?>> answer = announce(service, 1, "10.0.0.1", 6881, 100, "&event=started");
        assertThat(number(answer, "min interval")).isEqualTo(2);
        assertThat(number(answer, "interval")).isEqualTo(2);
    }

    @Test
    void peersSilentForThirtySecondsAfterAnnouncingEveryTwoAreDropped() throws Exception {
        announce(service, 1, "10.0.0.1", 6881, 100, "&event=started");
        clock.advance(Duration.ofSeconds(2));
        announce(service, 1, "10.0.0.1", 6881, 100, "");
        clock.advance(Duration.ofSeconds(20));
        announce(service, 2, "10.0.0.2", 6881, 100, "");
        clock.advance(Duration.ofSeconds(11));

        Map<String, BEObject<?>> answer = announce(service, 3, "10.0.0.3", 6881, 100, "");

        assertThat(peers(answer)).containsExactly("10.0.0.2:6881");
        assertThat(number(answer, "incomplete")).isEqualTo(2);
    }

    @Test
    void peerAddressComesFromTheConnectionUnlessTrusted() throws Exception {
        announce(service, 1, "192.168.1.5", 7000, 100, "&ip=10.9.9.9");
        assertThat(peers(announce(service, 2, "192.168.1.6", 7000, 100, ""))).containsExactly("192.168.1.5:7000");

        AnnounceService trusting = service(true);
        announce(trusting, 1, "192.168.1.5", 7000, 100, "&ip=10.9.9.9");
        announce(trusting, 3, "192.168.1.7", 7000, 100, "&ip=not-an-ip");
        assertThat(peers(announce(trusting, 2, "192.168.1.6", 7000, 100, "")))
                .containsExactlyInAnyOrder("10.9.9.9:7000", "192.168.1.7:7000");
    }

    @Test
    void aLoopbackSourceIsReplacedByTheAddressThePeerGives() throws Exception {
        announce(service, 1, "127.0.0.1", 7000, 0, "&ip=10.9.9.9");
        announce(service, 2, "127.0.0.1", 7001, 0, "");
        announce(service, 3, "127.0.0.1", 7002, 0, "&ip=example.org");

        assertThat(peers(announce(service, 4, "10.0.0.4", 7000, 100, "")))
                .containsExactlyInAnyOrder("10.9.9.9:7000", "127.0.0.1:7001", "127.0.0.1:7002");
    }

    @Test
    void aStoppedFromALoopbackSourceRemovesThePeerWhateverItsIpParameterSays() throws Exception {
        announce(service, 1, "127.0.0.1", 7000, 0, "&ip=10.9.9.9&event=started");
        announce(service, 2, "127.0.0.1", 7001, 0, "&ip=10.9.9.9&event=started");
        assertThat(peers(announce(service, 4, "10.0.0.4", 7000, 100, "")))
                .containsExactlyInAnyOrder("10.9.9.9:7000", "10.9.9.9:7001");

        // a stopped without ip (aria2 and others send none) and one with another ip: both name the same announcers
        announce(service, 1, "127.0.0.1", 7000, 0, "&event=stopped&numwant=0");
        announce(service, 2, "127.0.0.1", 7001, 0, "&ip=10.1.1.1&event=stopped&numwant=0");

        Map<String, BEObject<?>> after = announce(service, 4, "10.0.0.4", 7000, 100, "");
        assertThat(peers(after)).isEmpty();
        assertThat(number(after, "complete")).as("no ghost seed left").isZero();
    }

    @Test
    void aLoopbackPeerThatDropsItsIpParameterIsListedOnceAtItsSource() throws Exception {
        announce(service, 1, "127.0.0.1", 7000, 0, "&ip=10.9.9.9&event=started");
        announce(service, 1, "127.0.0.1", 7000, 0, "");

        Map<String, BEObject<?>> answer = announce(service, 4, "10.0.0.4", 7000, 100, "");
        assertThat(peers(answer)).containsExactly("127.0.0.1:7000");
        assertThat(number(answer, "complete")).isEqualTo(1);
    }

    @Test
    void requesterIsNotInItsOwnListAndNumwantIsRespected() throws Exception {
        for (int i = 1; i <= 10; i++) {
            announce(service, i, "10.0.0." + i, 6881, 100, "");
        }
        assertThat(peers(announce(service, 1, "10.0.0.1", 6881, 100, ""))).hasSize(9).doesNotContain("10.0.0.1:6881");
        assertThat(peers(announce(service, 1, "10.0.0.1", 6881, 100, "&numwant=3"))).hasSize(3);
        // same address, other port: another peer (several agents on one host)
        assertThat(peers(announce(service, 11, "10.0.0.1", 6882, 100, ""))).contains("10.0.0.1:6881").hasSize(10);
    }

    private Map<String, BEObject<?>> announce(AnnounceService s, int peer, String from, int port, long left, String extra)
            throws UnknownHostException {
        byte[] answer = s.announce(RawQuery.parse(Queries.announce(HASH, peer, port, left, extra)), ip(from));
        try (BEParser parser = new BEParser(answer)) {
            Map<String, BEObject<?>> map = parser.readMap().getValue();
            assertThat(map).doesNotContainKey("failure reason");
            return map;
        }
    }

    static List<String> peers(Map<String, BEObject<?>> answer) {
        byte[] bytes = ((BEString) answer.get("peers")).getValue();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += 6) {
            out.add((bytes[i] & 0xff) + "." + (bytes[i + 1] & 0xff) + "." + (bytes[i + 2] & 0xff) + "."
                    + (bytes[i + 3] & 0xff) + ":" + ((bytes[i + 4] & 0xff) << 8 | (bytes[i + 5] & 0xff)));
        }
        return out;
    }

    static long number(Map<String, BEObject<?>> answer, String key) {
        return ((BEInteger) answer.get(key)).getValue().longValue();
    }

    private static InetAddress ip(String dottedQuad) throws UnknownHostException {
        return InetAddress.getByName(dottedQuad);
    }
}
