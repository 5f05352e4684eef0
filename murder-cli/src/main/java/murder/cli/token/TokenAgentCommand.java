package murder.cli.token;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import murder.core.auth.AgentTokens;
import murder.core.auth.SecretFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "Print (or write) the agent token of one host: hex(HMAC-SHA256(secret, \"murder-agent:\" + "
            + "host)) under the LAST secret of the agent secrets file (the newest, when rotating). Give it to that "
            + "host's agent with --token-file.")
public final class TokenAgentCommand implements Callable<Integer> {

    @Option(names = "--host", required = true, paramLabel = "NAME",
            description = "The agent's name at the tracker (its --host, by default its hostname)")
    String host;

    @Option(names = "--agent-secrets", required = true, paramLabel = "FILE",
            description = "The tracker's agent secrets file")
    Path secrets;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write it to this new file, mode 0600 (an existing file is never overwritten)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<String> all = SecretFiles.readAll(secrets, "agent secrets");
        TokenOutput.write(AgentTokens.forHost(all.get(all.size() - 1), host), out, spec);
        return 0;
    }
}
