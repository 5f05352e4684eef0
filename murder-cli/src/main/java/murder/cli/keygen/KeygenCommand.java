package murder.cli.keygen;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import murder.core.trust.KeyFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Make an Ed25519 key pair for signing deployments: PREFIX.key (private, mode 0600, for "
            + "`murder deploy --key`) and PREFIX.pub (for `murder agent --trust`). Never overwrites a file."})
public final class KeygenCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "PREFIX",
            description = "Path and name without extension, e.g. /etc/murder/release-2026")
    Path prefix;

    @Override
    public Integer call() {
        KeyFiles.Written written = KeyFiles.generate(prefix);
        System.out.printf("private key %s (keep it on the release host only)%n", written.privateKey());
        System.out.printf("public key  %s (give it to every agent: --trust %s)%n", written.publicKey(),
                written.publicKey().getFileName());
        System.out.printf("keyid       %s%n", written.keyid());
        return 0;
    }
}
