package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.FilterReply;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Logging set up in code (the packaged jar's lines are checked as real processes by LogOutputE2ETest). */
class ConsoleLoggingTest {

    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void isTheConfiguratorLogbackFinds() {
        assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class))
                .anyMatch(c -> c instanceof ConsoleLogging);
    }

    @Test
    void textLinesCarryTheDateTheLevelAndTheLogger() {
        ConsoleLogging.configure(context, "text", Level.INFO);
        assertThat(stderr().getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
        String line = encode("murder.peer.AgentDaemon", Level.INFO, "agent started");
        assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  "
                + "AgentDaemon: agent started\\n");
    }

    @Test
    void jsonLinesCarryTheFormattedMessageOnly() {
        ConsoleLogging.configure(context, "json", Level.INFO);
        assertThat(stderr().getEncoder()).isInstanceOf(JsonEncoder.class);
        String line = encode("murder.tracker.Tracker", Level.WARN, "disk {} full");
        assertThat(line).contains("\"level\":\"WARN\"", "\"loggerName\":\"murder.tracker.Tracker\"",
                "\"formattedMessage\":\"disk 1 full\"").doesNotContain("\"message\"", "\"arguments\"",
                "\"sequenceNumber\"", "\"mdc\"");
    }

    @Test
    void murderLogsAtTheChosenLevelAndTheLibrariesAtWarn() {
        ConsoleLogging.configure(context, "text", Level.DEBUG);
        assertThat(context.getLogger("murder.core.wire.WireSwarm").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("io.netty.channel.Foo").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("bt.net.Bar").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("org.sqlite.Baz").isWarnEnabled()).isTrue();
        assertThat(context.getLogger("org.sqlite.Baz").isInfoEnabled()).isFalse();
    }

    @Test
    void btsConnectionNoiseIsStillFiltered() {
        ConsoleLogging.configure(context, "text", Level.INFO);
        LoggingEvent noise = event(context.getLogger("bt.net.SocketChannelConnectionAcceptor"), Level.ERROR,
                "Failed to perform request to write block");
        assertThat(stderr().getFilterChainDecision(noise)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void theFormatIsJsonOnlyWhenAskedForAndTextOtherwise() {
        assertThat(ConsoleLogging.format("json")).isEqualTo("json");
        assertThat(ConsoleLogging.format(" JSON ")).isEqualTo("json");
        assertThat(ConsoleLogging.format(null)).isEqualTo("text");
        assertThat(ConsoleLogging.format("")).isEqualTo("text");
        assertThat(ConsoleLogging.format("Text")).isEqualTo("text");
        assertThat(ConsoleLogging.format("logstash")).isEqualTo("text");
    }

    @Test
    void theLevelSettingIsReadLeniently() {
        assertThat(ConsoleLogging.level(null)).isEqualTo(Level.INFO);
        assertThat(ConsoleLogging.level(" ")).isEqualTo(Level.INFO);
        assertThat(ConsoleLogging.level("debug")).isEqualTo(Level.DEBUG);
        assertThat(ConsoleLogging.level(" WARN ")).isEqualTo(Level.WARN);
        assertThat(ConsoleLogging.level("loud")).isEqualTo(Level.INFO);
    }

    @SuppressWarnings("unchecked")
    private ConsoleAppender<ILoggingEvent> stderr() {
        return (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    }

    private String encode(String logger, Level level, String message) {
        return new String(stderr().getEncoder().encode(event(context.getLogger(logger), level, message)),
                StandardCharsets.UTF_8);
    }

    private static LoggingEvent event(Logger logger, Level level, String message) {
        return new LoggingEvent(Logger.class.getName(), logger, level, message, null, new Object[] {1});
    }
}
