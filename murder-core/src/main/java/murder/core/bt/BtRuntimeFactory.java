package murder.core.bt;

import bt.runtime.BtRuntime;
import bt.runtime.Config;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import murder.core.bt.patch.BtPatchModule;

/**
 * Builds bt runtimes tuned for a private deployment swarm (see docs/BT.md): outgoing connections in plaintext
 * (bt's stream encryption stalls each one ~3 s), incoming ones in plaintext or encrypted as the other side likes
 * ({@link IncomingEncryptionModule}), bt fixes and a message dispatcher that parks when idle ({@code BtPatchModule}),
 * fast tracker and peer discovery, no DHT, LAN discovery or PEX.
 */
public final class BtRuntimeFactory {

    private BtRuntimeFactory() {
    }

    public static BtRuntime create(BtSettings settings) {
        return create(settings, null);
    }

    /**
     * @param trackerTls the trust for an https tracker's announce URL (the same as the control API client's), or
     *                   null for the system's trust store
     */
    public static BtRuntime create(BtSettings settings, SSLContext trackerTls) {
        int port = settings.port() == 0 ? freePort(settings) : requireFreePort(settings);
        Config config = tunedConfig(settings.address(), port);
        BtRuntime runtime = BtRuntime.builder(config)
                .module(new SerializedHttpTrackerModule(trackerTls))
                .module(new IncomingEncryptionModule())
                .module(new BtPatchModule()) // fixes from bt's unreleased master, see murder.core.bt.patch
                .disableLocalServiceDiscovery()
                .disablePeerExchange()
                .disableAutomaticShutdown()
                .build();
        runtime.startup();
        return runtime;
    }

    /**
     * The tuning of every murder bt runtime (see docs/BT.md) for this address and port: outgoing connections in
     * plaintext, fast discovery, short bans. Public for tests that need a variant (e.g. a client requiring MSE).
     */
    public static Config tunedConfig(InetAddress address, int port) {
        Config config = new Config();
        config.setAcceptorAddress(address);
        config.setPeerAddress(address);
        config.setAcceptorPort(port);
        config.setMseDisabled(true); // outgoing; IncomingEncryptionModule turns it on for incoming connections
        // the cap of the patched dispatcher's idle sleep: data and finished disk I/O wake it at once (BtPatchModule);
        // bt 1.10's own dispatcher, which nothing wakes, needed 1 ms here to keep transfers fast
        config.setMaxMessageProcessingInterval(Duration.ofMillis(100));
        config.setPeerDiscoveryInterval(Duration.ofSeconds(1));
        config.setTrackerQueryInterval(Duration.ofSeconds(2));
        config.setPeerConnectionRetryInterval(Duration.ofSeconds(1));
        config.setUnreachablePeerBanDuration(Duration.ofSeconds(5));
        config.setTimeoutedAssignmentPeerBanDuration(Duration.ofSeconds(5));
        config.setNumOfHashingThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
        config.setShutdownHookTimeout(Duration.ofSeconds(5));
        config.setTrackerTimeout(Duration.ofSeconds(10)); // requests to one tracker queue (see SerializedHttpTrackerModule)
        return config;
    }

    /** bt only logs a taken port and announces it anyway, so check it first. */
    private static int requireFreePort(BtSettings settings) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(settings.address(), settings.port()));
            return settings.port();
        } catch (IOException e) {
            throw settings.bindFailed(e);
        }
    }

    private static int freePort(BtSettings settings) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(settings.address(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw settings.bindFailed(e);
        }
    }
}
