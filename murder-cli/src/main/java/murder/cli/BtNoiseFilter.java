package murder.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import java.util.Set;

/**
 * Hides the ERROR stack traces bt 1.10 logs for ordinary connection ends, which would only alarm operators:
 * its acceptor or a peer channel closing on stop (bt issue #219), a peer that finished and hung up mid-write
 * (broken pipe, reset), selector keys and channels used after a stop closed them, and a read racing the close of a channel whose buffer was already released (an NPE inside
 * {@code SocketChannelImpl.read}), and the stack trace bt logs for every block it cannot read or write (a full
 * disk makes thousands: the agent reports the first cause once and ends the download). Anything else goes through.
 */
public final class BtNoiseFilter extends Filter<ILoggingEvent> {

    private static final List<String> CONNECTION_ENDS =
            List.of("has been closed", "Broken pipe", "Connection reset by peer");
    private static final List<String> STORAGE_ERRORS = List.of("Failed to perform request to write block",
            "Failed to perform request to read block");
    private static final Set<String> CLOSED_EXCEPTIONS = Set.of("java.nio.channels.CancelledKeyException",
            "java.nio.channels.ClosedSelectorException", "java.nio.channels.ClosedChannelException");

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!event.getLoggerName().startsWith("bt.") || !event.getLevel().isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        String message = event.getMessage();
        if (message != null && STORAGE_ERRORS.stream().anyMatch(message::startsWith)) {
            return FilterReply.DENY;
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            if (isConnectionEnd(t) || isReadAfterRelease(t)) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }

    private static boolean isConnectionEnd(IThrowableProxy t) {
        if (CLOSED_EXCEPTIONS.contains(t.getClassName())) {
            return true;
        }
        String message = t.getMessage();
        return message != null && CONNECTION_ENDS.stream().anyMatch(message::contains);
    }

    private static boolean isReadAfterRelease(IThrowableProxy t) {
        if (!t.getClassName().equals(NullPointerException.class.getName())
                || t.getStackTraceElementProxyArray().length < 2) {
            return false;
        }
        StackTraceElement second = t.getStackTraceElementProxyArray()[1].getStackTraceElement();
        return second.getClassName().equals("sun.nio.ch.SocketChannelImpl") && second.getMethodName().equals("read");
    }
}
