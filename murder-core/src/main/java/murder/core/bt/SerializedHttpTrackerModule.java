package murder.core.bt;

import bt.metainfo.TorrentId;
import bt.module.ServiceModule;
import bt.peer.IPeerRegistry;
import bt.runtime.Config;
import bt.service.IdentityService;
import bt.torrent.TorrentRegistry;
import bt.tracker.Tracker;
import bt.tracker.TrackerFactory;
import bt.tracker.TrackerRequestBuilder;
import bt.tracker.TrackerResponse;
import bt.tracker.http.HttpTrackerFactory;
import com.google.inject.Binder;
import com.google.inject.Inject;
import com.google.inject.Module;
import java.io.IOException;
import java.util.function.Function;

/**
 * bt's HTTP tracker client with one request at a time per tracker. bt 1.10 shares a single-connection manager
 * between its periodic announces and its started/completed/stopped events; when two overlap, one fails with
 * "Connection is still allocated" and is not retried (BT_NOTES.md pitfall 2), so agents lost peer lists and
 * completed events. Here overlapping requests wait for each other instead.
 */
public final class SerializedHttpTrackerModule implements Module {

    @Override
    public void configure(Binder binder) {
        ServiceModule.extend(binder).addTrackerFactory(Factory.class, "http", "https");
    }

    static final class Factory implements TrackerFactory {
        private final HttpTrackerFactory delegate;

        @Inject
        Factory(TorrentRegistry torrents, IdentityService ids, IPeerRegistry peers, Config config) {
            this.delegate = new HttpTrackerFactory(torrents, ids, peers, config);
        }

        @Override
        public Tracker getTracker(String trackerUrl) {
            return new SerializedTracker(delegate.getTracker(trackerUrl));
        }
    }

    static final class SerializedTracker implements Tracker {
        private final Tracker delegate;

        SerializedTracker(Tracker delegate) {
            this.delegate = delegate;
        }

        @Override
        public TrackerRequestBuilder request(TorrentId torrentId) {
            return new TrackerRequestBuilder(torrentId) {
                @Override
                public TrackerResponse start() {
                    return send(TrackerRequestBuilder::start);
                }

                @Override
                public TrackerResponse stop() {
                    return send(TrackerRequestBuilder::stop);
                }

                @Override
                public TrackerResponse complete() {
                    return send(TrackerRequestBuilder::complete);
                }

                @Override
                public TrackerResponse query() {
                    return send(TrackerRequestBuilder::query);
                }

                private TrackerResponse send(Function<TrackerRequestBuilder, TrackerResponse> event) {
                    synchronized (SerializedTracker.this) {
                        return event.apply(delegate.request(getTorrentId()).numWant(getNumWant()));
                    }
                }
            };
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
