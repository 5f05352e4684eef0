package murder.cli.agent;

import picocli.CommandLine;

/** An {@code murder agent} command line parsed (not run), with the required options filled in. */
final class AgentArgs {

    private static final String[] REQUIRED = {"--tracker", "http://127.0.0.1:9", "--tags", "web", "--deploy-root",
        "/tmp/d", "--data-dir", "/tmp/x"};

    private AgentArgs() {
    }

    static AgentCommand parse(String... options) {
        AgentCommand command = new AgentCommand();
        String[] args = new String[REQUIRED.length + options.length];
        System.arraycopy(REQUIRED, 0, args, 0, REQUIRED.length);
        System.arraycopy(options, 0, args, REQUIRED.length, options.length);
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
