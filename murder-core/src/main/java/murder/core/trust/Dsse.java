package murder.core.trust;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.Optional;

/** DSSE v1 pre-authentication encoding and payload access; the bytes a signature covers. */
public final class Dsse {

    /** The payload type of a murder deployment statement. */
    public static final String PAYLOAD_TYPE = "application/vnd.murder.deploy+json";

    private Dsse() {
    }

    /** {@code "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body}, LEN being the byte length in ASCII decimal. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + payload.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(UTF_8));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(UTF_8));
        out.writeBytes(payload);
        return out.toByteArray();
    }

    /** The payload bytes, or empty if the envelope carries none or it is not base64. */
    public static Optional<byte[]> payload(Envelope envelope) {
        if (envelope.payload() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Base64.getDecoder().decode(envelope.payload()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
