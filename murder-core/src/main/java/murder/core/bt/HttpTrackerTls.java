package murder.core.bt;

import bt.tracker.Tracker;
import bt.tracker.http.HttpTracker;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import murder.core.MurderException;
import org.apache.http.HttpClientConnection;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.impl.conn.BasicHttpClientConnectionManager;

/**
 * Makes bt's HTTP tracker client trust a given {@link SSLContext}. bt 1.10's {@link HttpTracker} builds its Apache
 * HttpClient in its constructor with the JDK's default trust store and offers no way to pass another, so this
 * replaces that client (a private field) with one of the same shape whose https sockets use our context. The
 * replacement keeps bt's behaviour of closing the connection after every request and verifies host names with
 * HttpClient's default verifier.
 */
final class HttpTrackerTls {

    private HttpTrackerTls() {
    }

    static void trust(Tracker tracker, SSLContext tls) {
        if (!(tracker instanceof HttpTracker)) {
            throw new IllegalStateException("expected bt's HttpTracker, got " + tracker.getClass().getName());
        }
        try {
            Field field = HttpTracker.class.getDeclaredField("httpClient");
            field.setAccessible(true);
            CloseableHttpClient original = (CloseableHttpClient) field.get(tracker);
            field.set(tracker, HttpClients.createMinimal(new ClosingConnectionManager(registry(tls))));
            original.close();
        } catch (ReflectiveOperationException | RuntimeException | IOException e) {
            throw new MurderException(MurderException.Kind.FAILED, "cannot give bt's tracker client the CA of "
                    + "--ca-file (bt's HttpTracker changed? this needs bt 1.10): " + e, e);
        }
    }

    private static Registry<ConnectionSocketFactory> registry(SSLContext tls) {
        return RegistryBuilder.<ConnectionSocketFactory>create()
                .register("http", PlainConnectionSocketFactory.getSocketFactory())
                .register("https", new SSLConnectionSocketFactory(tls))
                .build();
    }

    /** Like bt's own: one connection, closed when released, so no stale keep-alive connection is reused. */
    private static final class ClosingConnectionManager extends BasicHttpClientConnectionManager {
        ClosingConnectionManager(Registry<ConnectionSocketFactory> registry) {
            super(registry);
        }

        @Override
        public synchronized void releaseConnection(HttpClientConnection conn, Object state, long keepAlive,
                                                   TimeUnit unit) {
            try {
                conn.close();
            } catch (IOException ignored) {
                // closing a connection we are done with; nothing to do about a failure
            }
            super.releaseConnection(conn, state, keepAlive, unit);
        }
    }
}
