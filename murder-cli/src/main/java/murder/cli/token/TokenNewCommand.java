package murder.cli.token;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import murder.core.auth.AgentTokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "new", mixinStandardHelpOptions = true,
        description = "Print (or write) a new random token: 32 random bytes as 64 hex characters. Use it as a "
            + "deployer token or as an agent secret.")
public final class TokenNewCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write it to this new file, mode 0600 (an existing file is never overwritten)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TokenOutput.write(AgentTokens.random(), out, spec);
        return 0;
    }
}
