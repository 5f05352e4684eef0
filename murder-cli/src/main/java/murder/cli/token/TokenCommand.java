package murder.cli.token;

import picocli.CommandLine.Command;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Make tokens for the tracker's control API.",
        subcommands = {TokenNewCommand.class, TokenAgentCommand.class},
        footer = {"", "A tracker takes --deployer-tokens FILE (tokens that may deploy, one per line) and "
            + "--agent-secrets FILE (secrets, one per line, from which each host's agent token is derived).",
            "  murder token new --out /etc/murder/deployer-tokens",
            "  murder token new --out /etc/murder/agent-secrets",
            "  murder token agent --host web1 --agent-secrets /etc/murder/agent-secrets --out web1.token"})
public final class TokenCommand {
}
