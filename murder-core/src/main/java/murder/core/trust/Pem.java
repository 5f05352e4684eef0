package murder.core.trust;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import murder.core.MurderException;
import murder.core.files.OsErrors;

/** PEM (RFC 7468) blocks: the text form of PKCS#8 private keys and X.509 public keys that OpenSSL also reads. */
final class Pem {

    static final String PRIVATE_KEY = "PRIVATE KEY";
    static final String PUBLIC_KEY = "PUBLIC KEY";

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private Pem() {
    }

    static String encode(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    /** The DER of every block with this label in the file, in order; BAD_INPUT if the file cannot be read. */
    static List<byte[]> read(Path file, String label) {
        String text;
        try {
            text = Files.readString(file, US_ASCII);
        } catch (NoSuchFileException e) {
            throw MurderException.badInput("key file " + file + " does not exist (make a key pair with "
                    + "`murder keygen --out PREFIX`)");
        } catch (IOException e) {
            throw new MurderException(MurderException.Kind.BAD_INPUT, "cannot read key file " + file + " ("
                    + OsErrors.reason(e) + "): " + OsErrors.readHint(e), e);
        }
        List<byte[]> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(label)) {
                try {
                    blocks.add(Base64.getMimeDecoder().decode(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw MurderException.badInput("key file " + file + " has a corrupt " + label + " block");
                }
            }
        }
        return blocks;
    }
}
