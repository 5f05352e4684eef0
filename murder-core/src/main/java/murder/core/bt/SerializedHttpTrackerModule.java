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
import javax.net.ssl.SSLContext;

/**
 * bt's HTTP tracker client with one request at a time per tracker. bt 1.10 shares a single-connection manager
 * between its periodic announces and its started/completed/stopped events; when two overlap, one fails with
 * "Connection is still allocated" and is not retried (docs/BT.md, "Pitfalls"), so agents lost peer lists and
 * completed events. Here overlapping requests wait for each other instead.
 */
public final class SerializedHttpTrackerModule implements Module {

    private final SSLContext trackerTls;

    /** @param trackerTls trust for https trackers, or null for the system's trust store (bt's default) */
    public SerializedHttpTrackerModule(SSLContext trackerTls) {
        this.trackerTls = trackerTls;
    }

    public SerializedHttpTrackerModule() {
        this(null);
    }

    @Override
    public void configure(Binder binder) {
        binder.bind(TrackerTls.class).toInstance(new TrackerTls(trackerTls));
        ServiceModule.extend(binder).addTrackerFactory(Factory.class, "http", "https");
    }

    /** Guice cannot bind a null SSLContext, so it travels in this holder. */
    record TrackerTls(SSLContext context) {
    }

    static final class Factory implements TrackerFactory {
        private final HttpTrackerFactory delegate;
        private final SSLContext tls;

        @Inject
        Factory(TorrentRegistry torrents, IdentityService ids, IPeerRegistry peers, Config config, TrackerTls tls) {
            this.delegate = new HttpTrackerFactory(torrents, ids, peers, config);
            this.tls = tls.context();
        }

        @Override
        public Tracker getTracker(String trackerUrl) {
            Tracker tracker = delegate.getTracker(trackerUrl);
            if (tls != null && trackerUrl.startsWith("https:")) {
                HttpTrackerTls.trust(tracker, tls);
            }
            return new SerializedTracker(tracker);
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
