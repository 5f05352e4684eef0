package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void jsonOnlyWhenAskedForAndTextOtherwise() {
        assertThat(LogFormat.appenderFor("json")).isEqualTo("json");
        assertThat(LogFormat.appenderFor(" JSON ")).isEqualTo("json");
        assertThat(LogFormat.appenderFor(null)).isEqualTo("text");
        assertThat(LogFormat.appenderFor("")).isEqualTo("text");
        assertThat(LogFormat.appenderFor("Text")).isEqualTo("text");
        assertThat(LogFormat.appenderFor("logstash")).isEqualTo("text");
    }
}
