package murder.tracker;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;

/** A bare HTTP/1.0 GET over a socket: exactly the bytes a BitTorrent client would send, no client-side re-encoding. */
final class RawHttp {

    private RawHttp() {
    }

    /** The body as ISO-8859-1 text (one char per byte), or throws if the status is not 200. */
    static String get(URI base, String target) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.0\r\nHost: " + base.getHost() + "\r\n\r\n").getBytes(ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), ISO_8859_1);
            if (!response.startsWith("HTTP/1.1 200")) {
                throw new IOException("unexpected answer: " + response);
            }
            return response.substring(response.indexOf("\r\n\r\n") + 4);
        }
    }
}
