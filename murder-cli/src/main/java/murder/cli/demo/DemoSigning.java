package murder.cli.demo;

import java.nio.file.Path;
import java.util.List;
import murder.cli.deploy.DeploySigning;
import murder.core.trust.KeyFiles;
import murder.core.trust.StatementSigner;
import murder.core.trust.TrustPolicy;
import murder.core.trust.TrustedKeys;

/** The demo's signing: a throwaway key pair made in its temporary directory, or none with --insecure. */
record DemoSigning(KeyFiles.Written keys) {

    static DemoSigning throwaway(Path dir) {
        return new DemoSigning(KeyFiles.generate(dir.resolve("demo")));
    }

    static DemoSigning insecure() {
        return new DemoSigning(null);
    }

    TrustPolicy agentTrust() {
        return keys == null ? TrustPolicy.allowingUnsigned()
                : TrustPolicy.signedBy(TrustedKeys.load(List.of(keys.publicKey())));
    }

    DeploySigning deploySigning() {
        return keys == null ? DeploySigning.unsigned() : DeploySigning.with(StatementSigner.load(keys.privateKey()),
                false);
    }

    String describe() {
        return keys == null ? "signing   OFF (--insecure): agents accept unsigned deployments"
                : "signing   throwaway key " + keys.keyid().substring(0, 16) + "..., trusted by every agent ("
                + keys.publicKey() + ")";
    }
}
