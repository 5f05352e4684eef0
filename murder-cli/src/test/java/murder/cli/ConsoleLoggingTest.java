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
import org.junit.jupiter.api.Test;

/** Logging set up in code (the packaged jar's lines are checked as real processes by LogOutputE2ETest). */
class ConsoleLoggingTest {

    @Test
    void isTheConfiguratorLogbackFinds() {
        assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class))
                .anyMatch(c -> c instanceof ConsoleLogging);
    }

    @Test
    void textLinesCarryTheDateTheLevelAndTheLogger() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging.configure(context, "text", Level.INFO);
        ConsoleAppender<ILoggingEvent> stderr = stderr(context);
        assertThat(stderr.getEncoder()).isInstanceOf(PatternLayoutEncoder.class);
        String line = encode(stderr, context.getLogger("murder.peer.AgentDaemon"), Level.INFO, "agent started");
        assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  "
                + "AgentDaemon: agent started\\n");
        context.stop();
    }

    @Test
    void jsonLinesCarryTheFormattedMessageOnly() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging.configure(context, "json", Level.INFO);
        ConsoleAppender<ILoggingEvent> stderr = stderr(context);
        assertThat(stderr.getEncoder()).isInstanceOf(JsonEncoder.class);
        String line = encode(stderr, context.getLogger("murder.tracker.Tracker"), Level.WARN, "disk {} full");
        assertThat(line).contains("\"level\":\"WARN\"", "\"loggerName\":\"murder.tracker.Tracker\"",
                "\"formattedMessage\":\"disk 1 full\"").doesNotContain("\"message\"", "\"arguments\"",
                "\"sequenceNumber\"", "\"mdc\"");
        context.stop();
    }

    @Test
    void murderLogsAtTheChosenLevelAndTheLibrariesAtWarn() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging.configure(context, "text", Level.DEBUG);
        assertThat(context.getLogger("murder.core.wire.WireSwarm").isDebugEnabled()).isTrue();
        assertThat(context.getLogger("io.netty.channel.Foo").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("bt.net.Bar").isInfoEnabled()).isFalse();
        assertThat(context.getLogger("org.sqlite.Baz").isWarnEnabled()).isTrue();
        assertThat(context.getLogger("org.sqlite.Baz").isInfoEnabled()).isFalse();
        context.stop();
    }

    @Test
    void btsConnectionNoiseIsStillFiltered() {
        LoggerContext context = new LoggerContext();
        ConsoleLogging.configure(context, "text", Level.INFO);
        LoggingEvent noise = event(context.getLogger("bt.net.SocketChannelConnectionAcceptor"), Level.ERROR,
                "Failed to perform request to write block");
        assertThat(stderr(context).getFilterChainDecision(noise)).isEqualTo(FilterReply.DENY);
        context.stop();
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
    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context) {
        return (ConsoleAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
    }

    private static String encode(ConsoleAppender<ILoggingEvent> appender, Logger logger, Level level, String message) {
        return new String(appender.getEncoder().encode(event(logger, level, message)), StandardCharsets.UTF_8);
    }

    private static LoggingEvent event(Logger logger, Level level, String message) {
        return new LoggingEvent(Logger.class.getName(), logger, level, message, null, new Object[] {1});
    }
}
