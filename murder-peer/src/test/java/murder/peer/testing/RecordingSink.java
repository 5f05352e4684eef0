package murder.peer.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import murder.core.api.HostPhase;
import murder.core.api.StateReport;
import murder.peer.deploy.ReportSink;

/** Collects reports in order. */
public final class RecordingSink implements ReportSink {

    public final List<StateReport> reports = new CopyOnWriteArrayList<>();

    @Override
    public void report(StateReport report) {
        reports.add(report);
    }

    public List<HostPhase> phases() {
        return reports.stream().map(StateReport::state).distinct().toList();
    }

    public StateReport last() {
        return reports.get(reports.size() - 1);
    }
}
