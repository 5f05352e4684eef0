package murder.tracker.store;

import java.nio.file.Path;
import murder.core.files.WritableDirectory;

/** The tracker's durable state in {@code <dataDir>/tracker.db}; a restart on the same data dir loses nothing. */
public final class TrackerStore implements AutoCloseable {

    public static final String FILE_NAME = "tracker.db";

    private final Db db;
    private final ReleaseStore releases;
    private final DeploymentStore deployments;
    private final AgentStore agents;
    private final HostStateStore hostStates;

    private TrackerStore(Db db) {
        this.db = db;
        this.releases = new ReleaseStore(db);
        this.deployments = new DeploymentStore(db);
        this.agents = new AgentStore(db);
        this.hostStates = new HostStateStore(db);
    }

    public static TrackerStore open(Path dataDir) {
        WritableDirectory.require(dataDir, "the tracker's --data-dir");
        return new TrackerStore(Db.open(dataDir.resolve(FILE_NAME)));
    }

    public ReleaseStore releases() {
        return releases;
    }

    public DeploymentStore deployments() {
        return deployments;
    }

    public AgentStore agents() {
        return agents;
    }

    public HostStateStore hostStates() {
        return hostStates;
    }

    /** Throws if the database does not answer a trivial query. */
    public void ping() {
        db.ping();
    }

    /** Idempotent. */
    @Override
    public void close() {
        db.close();
    }
}
