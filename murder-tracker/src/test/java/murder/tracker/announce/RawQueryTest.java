package murder.tracker.announce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import murder.core.MurderException;
import org.junit.jupiter.api.Test;

class RawQueryTest {

    @Test
    void decodesPercentEscapesToRawBytesNotUtf8() {
        RawQuery q = RawQuery.parse("info_hash=%41B%ff%C3%a9+x&event=started&flag&info_hash=%00");

        assertThat(q.bytes("info_hash")).contains(new byte[] {0x41, 'B', (byte) 0xff, (byte) 0xc3, (byte) 0xa9, ' ', 'x'});
        assertThat(q.all("info_hash")).hasSize(2);
        assertThat(q.text("event")).contains("started");
        assertThat(q.text("flag")).contains("");
        assertThat(q.bytes("missing")).isEmpty();
    }

    @Test
    void rejectsBrokenEscapes() {
        assertThatThrownBy(() -> RawQuery.parse("a=%4")).isInstanceOf(MurderException.class);
        assertThatThrownBy(() -> RawQuery.parse("a=%zz")).isInstanceOf(MurderException.class);
    }
}
