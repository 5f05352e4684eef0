package murder.tracker.auth;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.util.List;

/** The deployer tokens: any listed token is accepted (several while one is rotated out). */
public final class TokenSet {

    private final List<byte[]> tokens;

    public TokenSet(List<String> tokens) {
        this.tokens = tokens.stream().map(t -> t.getBytes(UTF_8)).toList();
    }

    /** Compares with every token in constant time, with no early exit, so timing tells nothing of which matched. */
    public boolean contains(String presented) {
        byte[] bytes = presented.getBytes(UTF_8);
        boolean found = false;
        for (byte[] token : tokens) {
            found |= MessageDigest.isEqual(token, bytes);
        }
        return found;
    }

    public int size() {
        return tokens.size();
    }
}
