package murder.tracker.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** Raw HTTP over plain sockets for the connection tests: exactly the bytes sent, nothing added by a client. */
final class HttpSockets {

    private HttpSockets() {
    }

    static Socket connect(InetSocketAddress server) throws IOException {
        return connect(server, InetAddress.getLoopbackAddress());
    }

    /** Connects from {@code local} (any 127.x.y.z works on Linux), so tests can play several sources. */
    static Socket connect(InetSocketAddress server, InetAddress local) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(server, 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** One whole HTTP/1.0 exchange on a fresh connection; the answer as ISO-8859-1 text. */
    static String exchange(InetSocketAddress server, String request) throws IOException {
        try (Socket socket = connect(server)) {
            send(socket, request);
            return new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
        }
    }

    /** Reads one response with a Content-Length from a keep-alive connection. */
    static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head);
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return head + new String(in.readNBytes(length), ISO_8859_1);
    }

    /**
     * True once the server has closed the connection: EOF (after any answer it sent) or a reset. Waits at most
     * about a millisecond, so many sockets can be polled in a loop.
     */
    static boolean isClosedByServer(Socket socket) {
        try {
            socket.setSoTimeout(1);
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[512];
            while (true) {
                if (in.read(buf) < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
