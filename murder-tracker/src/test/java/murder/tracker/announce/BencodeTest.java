package murder.tracker.announce;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import murder.tracker.MutableClock;
import org.junit.jupiter.api.Test;

class BencodeTest {

    private static final byte[] HASH = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233");

    @Test
    void encodesScalarsListsAndSortedDictionaries() {
        Object value = Map.of("zeta", List.of(1, -2L, "spam"), "alpha", new byte[] {(byte) 0xff, 0x00});
        byte[] expected = concat("d5:alpha2:".getBytes(ISO_8859_1), new byte[] {(byte) 0xff, 0x00},
                "4:zetali1ei-2e4:spamee".getBytes(ISO_8859_1));
        assertThat(Bencode.encode(value)).isEqualTo(expected);
    }

    @Test
    void compactPeersAreSixBigEndianBytesEach() {
        byte[] encoded = CompactPeers.encode(List.of(Endpoint.parse("10.0.0.1", 6881).orElseThrow(),
                Endpoint.parse("192.168.255.7", 65535).orElseThrow()));
        assertThat(encoded).containsExactly(10, 0, 0, 1, 0x1a, 0xe1 - 256, 192 - 256, 168 - 256, 255 - 256, 7, -1, -1);
    }

    @Test
    void announceAnswerHasExactBytes() throws Exception {
        AnnounceService service = new AnnounceService(new PeerStore(new MutableClock(Instant.EPOCH), Duration.ofSeconds(30)),
                hash -> true, Duration.ofSeconds(2), false);
        service.announce(RawQuery.parse(Queries.announce(HASH, 1, 6881, 0, "")), InetAddress.getByName("10.0.0.1"));

        byte[] answer = service.announce(RawQuery.parse(Queries.announce(HASH, 2, 6882, 100, "&event=started")),
                InetAddress.getByName("10.0.0.2"));

        byte[] expected = concat("d8:completei1e10:incompletei1e8:intervali2e12:min intervali2e5:peers6:".getBytes(ISO_8859_1),
                new byte[] {10, 0, 0, 1, 0x1a, (byte) 0xe1}, "e".getBytes(ISO_8859_1));
        assertThat(answer).isEqualTo(expected);
    }

    @Test
    void scrapeAnswerIsKeyedByRawInfoHash() throws Exception {
        AnnounceService service = new AnnounceService(new PeerStore(new MutableClock(Instant.EPOCH), Duration.ofSeconds(30)),
                hash -> true, Duration.ofSeconds(2), false);
        service.announce(RawQuery.parse(Queries.announce(HASH, 1, 6881, 100, "")), InetAddress.getByName("10.0.0.1"));
        service.announce(RawQuery.parse(Queries.announce(HASH, 1, 6881, 0, "&event=completed")),
                InetAddress.getByName("10.0.0.1"));

        byte[] answer = service.scrape(RawQuery.parse("info_hash=" + Queries.pct(HASH)));

        byte[] expected = concat("d5:filesd20:".getBytes(ISO_8859_1), HASH,
                "d8:completei1e10:downloadedi1e10:incompletei0eeee".getBytes(ISO_8859_1));
        assertThat(answer).isEqualTo(expected);
        assertThat(service.scrape(RawQuery.parse(null))).isEqualTo(expected);
    }

    @Test
    void failureAnswerIsOnlyTheReason() {
        assertThat(new String(AnnounceService.failure("nope"), ISO_8859_1)).isEqualTo("d14:failure reason4:nopee");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
