package murder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import org.junit.jupiter.api.Test;

class BtNoiseFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final BtNoiseFilter filter = new BtNoiseFilter();

    private FilterReply decide(String logger, Level level, Throwable t) {
        return decide(logger, level, "msg", t);
    }

    private FilterReply decide(String logger, Level level, String message, Throwable t) {
        LoggingEvent event = new LoggingEvent("fqcn", context.getLogger(logger), level, message, t, null);
        return filter.decide(event);
    }

    @Test
    void hidesTheStackTracePerBlockThatBtLogsForAFullDisk() {
        assertThat(decide("bt.torrent.messaging.PieceConsumer", Level.ERROR, "Failed to perform request to write block",
                new java.io.UncheckedIOException(new IOException("No space left on device"))))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("murder.core.bt.SwarmSession", Level.WARN, "Failed to perform request to write block",
                null)).isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void hidesConnectionEndsFromBt() {
        assertThat(decide("bt.net.IncomingConnectionListener", Level.ERROR,
                new RuntimeException("wrap", new RuntimeException("Incoming channel @ x has been closed"))))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("bt.net.MessageDispatcher", Level.ERROR,
                new RuntimeException("Unexpected I/O error", new IOException("Broken pipe"))))
                .isEqualTo(FilterReply.DENY);
        assertThat(decide("bt.net.DataReceivingLoop", Level.ERROR, new CancelledKeyException()))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void letsOtherErrorsAndOurOwnLogsThrough() {
        assertThat(decide("bt.net.MessageDispatcher", Level.ERROR, new IOException("No space left on device")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("bt.torrent.TorrentRegistry", Level.ERROR, new IllegalStateException("bug")))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("murder.peer.AgentDaemon", Level.ERROR, new IOException("Broken pipe")))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
