package murder.peer.testing;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import murder.core.api.ReleaseManifest;
import murder.core.trust.DeployStatement;
import murder.core.trust.Envelope;
import murder.core.trust.KeyFiles;
import murder.core.trust.StatementSigner;
import murder.core.trust.TrustPolicy;
import murder.core.trust.TrustedKeys;

/** A real Ed25519 key pair written by keygen, to sign deployment statements in tests. */
public final class TestSigning {

    private final StatementSigner signer;
    private final Path publicKey;

    public TestSigning(Path dir, String name) {
        KeyFiles.Written written = KeyFiles.generate(dir.resolve(name));
        this.signer = StatementSigner.load(written.privateKey());
        this.publicKey = written.publicKey();
    }

    public Path publicKey() {
        return publicKey;
    }

    public String keyid() {
        return signer.keyid();
    }

    /** A policy that trusts this key (and these others). */
    public TrustPolicy trustPolicy(TestSigning... others) {
        List<Path> pubs = new java.util.ArrayList<>(List.of(publicKey));
        for (TestSigning other : others) {
            pubs.add(other.publicKey);
        }
        return TrustPolicy.signedBy(TrustedKeys.load(pubs));
    }

    public Envelope sign(ReleaseManifest release, String tag, long version) {
        return sign(release, tag, version, false);
    }

    public Envelope sign(ReleaseManifest release, String tag, long version, boolean rollback) {
        return signer.sign(DeployStatement.of(release, tag, version, rollback, Instant.now()));
    }

    public Envelope sign(DeployStatement statement) {
        return signer.sign(statement);
    }
}
