package murder.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Locale;

/**
 * Sets up logging in code rather than from a logback.xml: parsing the XML cost every command about 0.13 s of CPU and
 * 0.1 s of wall time before it did anything (measured on {@code murder --version}), which short commands and cron
 * jobs pay each time. Lines go to stderr, as text or as JSON (env {@code MURDER_LOG_FORMAT}); {@code murder} logs at
 * env {@code MURDER_LOG_LEVEL} (INFO), everything else at WARN. As with logback's own files, a
 * {@code -Dlogback.configurationFile} or a {@code logback-test.xml} on the class path takes precedence.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    private static final String FORMAT_ENV = "MURDER_LOG_FORMAT";
    private static final String LEVEL_ENV = "MURDER_LOG_LEVEL";
    private static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level %logger{0}: %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ConsoleLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configure(context, format(System.getenv(FORMAT_ENV)), level(System.getenv(LEVEL_ENV)));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static void configure(LoggerContext context, String format, Level murderLevel) {
        Encoder<ILoggingEvent> encoder = format.equals("json") ? json() : text();
        encoder.setContext(context);
        encoder.start();
        BtNoiseFilter noise = new BtNoiseFilter();
        noise.setContext(context);
        noise.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.addFilter(noise);
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("murder").setLevel(murderLevel);
        context.getLogger("bt").setLevel(Level.WARN);
        context.getLogger("io.netty").setLevel(Level.WARN);
    }

    /**
     * The format: {@code json} (one JSON object per line, for a log shipper) or {@code text} (the default); another
     * value logs as text and says so once on stderr.
     */
    static String format(String setting) {
        if (setting == null || setting.isBlank() || setting.trim().equalsIgnoreCase("text")) {
            return "text";
        }
        if (setting.trim().toLowerCase(Locale.ROOT).equals("json")) {
            return "json";
        }
        System.err.println("murder: " + FORMAT_ENV + "=" + setting + " is neither 'json' nor 'text'; logging as text");
        return "text";
    }

    /** The level for {@code murder}'s loggers; a value that names none logs at INFO and says so once on stderr. */
    static Level level(String setting) {
        if (setting == null || setting.isBlank()) {
            return Level.INFO;
        }
        Level level = Level.toLevel(setting.trim(), null);
        if (level == null) {
            System.err.println("murder: " + LEVEL_ENV + "=" + setting
                    + " is none of TRACE, DEBUG, INFO, WARN, ERROR, OFF; logging at INFO");
            return Level.INFO;
        }
        return level;
    }

    private static PatternLayoutEncoder text() {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setPattern(TEXT_PATTERN);
        return encoder;
    }

    /** One JSON object per line: timestamp (epoch ms), level, threadName, loggerName, formattedMessage, throwable. */
    private static JsonEncoder json() {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMarkers(false);
        encoder.setWithMDC(false);
        encoder.setWithKVPList(false);
        // the message with its arguments filled in, not the pattern and the arguments apart
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        return encoder;
    }
}
