package murder.cli;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Hides the ERROR stack trace bt logs whenever its acceptor or a peer channel closes (bt issue #219): it is part of
 * every normal stop and would only alarm operators.
 */
public final class BtNoiseFilter extends Filter<ILoggingEvent> {

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (!event.getLoggerName().startsWith("bt.")) {
            return FilterReply.NEUTRAL;
        }
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && message.contains("has been closed")) {
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }
}
