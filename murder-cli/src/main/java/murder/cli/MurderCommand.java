package murder.cli;

import murder.cli.agent.AgentCommand;
import murder.cli.demo.DemoCommand;
import murder.cli.deploy.CancelCommand;
import murder.cli.deploy.DeployCommand;
import murder.cli.deploy.RollbackCommand;
import murder.cli.help.CompletionCommand;
import murder.cli.help.ManCommand;
import murder.cli.keygen.KeygenCommand;
import murder.cli.status.StatusCommand;
import murder.cli.token.TokenCommand;
import murder.cli.tracker.TrackerCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

@Command(name = "murder", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Peer-to-peer code deployment over BitTorrent.",
        subcommands = {DeployCommand.class, CancelCommand.class, RollbackCommand.class, StatusCommand.class,
            TrackerCommand.class, AgentCommand.class, KeygenCommand.class, TokenCommand.class, DemoCommand.class,
            HelpCommand.class, CompletionCommand.class, ManCommand.class},
        footer = {"", "Exit codes: 0 success, 1 deploy failed or timed out, 2 bad input (a bad command line, a file, "
            + "directory or port that cannot be used, or credentials the tracker refused), 3 tracker unreachable, "
            + "130/143 a deploy stopped by SIGINT/SIGTERM."})
public final class MurderCommand {
}
