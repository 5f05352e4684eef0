package murder.core.wire;

import bt.protocol.crypto.EncryptionPolicy;
import bt.runtime.BtRuntime;
import bt.runtime.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import murder.core.bt.BtRuntimeFactory;
import murder.core.bt.BtSettings;
import murder.core.bt.SerializedHttpTrackerModule;
import murder.core.bt.patch.BtPatchModule;

/** Helpers shared by the wire engine's socket tests. */
final class WireTests {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    static final BtSettings SETTINGS = new BtSettings(LOOPBACK, 0);

    private WireTests() {
    }

    static byte[] randomFile(Path file, int size, long seed) throws IOException {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        Files.createDirectories(file.getParent());
        Files.write(file, data);
        return data;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    static String sha256(Path file) throws Exception {
        return sha256(Files.readAllBytes(file));
    }

    /**
     * A bt 1.10 runtime on 127.0.0.1 with murder's tuning but MSE on in both directions with the given policy, as a
     * standard client would be ({@code BtRuntimeFactory.create} keeps outgoing connections plaintext, which would
     * prove nothing here).
     */
    static BtRuntime btRuntime(EncryptionPolicy policy) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
            port = s.getLocalPort();
        }
        Config config = BtRuntimeFactory.tunedConfig(LOOPBACK, port);
        config.setMseDisabled(false);
        config.setEncryptionPolicy(policy);
        config.setMseWaitBetweenReads(Duration.ofMillis(5));
        BtRuntime runtime = BtRuntime.builder(config)
                .module(new SerializedHttpTrackerModule())
                .module(new BtPatchModule())
                .disableLocalServiceDiscovery()
                .disablePeerExchange()
                .disableAutomaticShutdown()
                .build();
        runtime.startup();
        return runtime;
    }

    /** Names of the live threads starting with {@code murder-wire-}. */
    static Set<String> wireThreads() {
        Set<String> names = new TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith("murder-wire-")) {
                names.add(t.getName());
            }
        }
        return names;
    }

    static byte[] handshake(byte[] infoHash, byte[] peerId) {
        return WireEngine.handshake(infoHash, peerId);
    }

    static Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(LOOPBACK, port), 5_000);
        s.setSoTimeout(15_000);
        return s;
    }

    /**
     * Reads (and discards) until the other side closes the connection; true if it did within the socket's timeout,
     * false if the read timed out while the connection stayed open.
     */
    static boolean closedByPeer(Socket s) {
        byte[] sink = new byte[64 * 1024];
        try {
            InputStream in = s.getInputStream();
            while (in.read(sink) >= 0) {
                // drain
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** Announces a (fake) peer on {@code port} to the loopback tracker, as a client would. */
    static void announce(String announceUrl, byte[] infoHash, int port) throws IOException {
        StringBuilder hash = new StringBuilder();
        for (byte b : infoHash) {
            hash.append('%').append(String.format("%02x", b & 0xff));
        }
        String url = announceUrl + "?info_hash=" + hash + "&peer_id=-XX0000-000000000000&port=" + port
                + "&uploaded=0&downloaded=0&left=0&compact=1";
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(url).toURL().openConnection();
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
        } finally {
            c.disconnect();
        }
    }

    static void writeMessage(OutputStream out, int id, byte[] payload) throws IOException {
        byte[] m = new byte[5 + payload.length];
        int len = 1 + payload.length;
        m[0] = (byte) (len >>> 24);
        m[1] = (byte) (len >>> 16);
        m[2] = (byte) (len >>> 8);
        m[3] = (byte) len;
        m[4] = (byte) id;
        System.arraycopy(payload, 0, m, 5, payload.length);
        out.write(m);
        out.flush();
    }
}
