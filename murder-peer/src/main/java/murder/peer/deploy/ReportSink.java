package murder.peer.deploy;

import murder.core.api.StateReport;

/** Where a deployment's state changes go: the tracker (through an outbox that survives outages) or a test. */
@FunctionalInterface
public interface ReportSink {
    void report(StateReport report);
}
