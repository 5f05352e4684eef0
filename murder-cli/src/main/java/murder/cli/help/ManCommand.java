package murder.cli.help;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import murder.core.MurderException;
import murder.core.files.OsErrors;
import murder.core.files.WritableDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints (or writes) the man pages built into the jar ({@link ManPages}). */
@Command(name = "man", mixinStandardHelpOptions = true,
        description = {"Print the manual page of murder or of one of its commands, as roff: "
            + "`murder man deploy | man -l -`.",
            "With --out DIR, write all of them there instead, e.g. to /usr/local/share/man/man1."})
public final class ManCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "COMMAND",
            description = "A command, e.g. deploy, or token agent (default: murder itself)")
    List<String> command = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Write every page (murder.1, murder-deploy.1, ...) "
            + "into this directory")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (out != null) {
            WritableDirectory.require(out, "--out");
            for (String page : ManPages.names(spec.root())) {
                write(page);
            }
            return 0;
        }
        PrintWriter writer = spec.commandLine().getOut();
        writer.print(ManPages.read(ManPages.nameOf(find(spec.root(), command))));
        writer.flush();
        return 0;
    }

    private static CommandSpec find(CommandSpec root, List<String> names) {
        CommandSpec spec = root;
        for (String name : names) {
            CommandLine sub = spec.subcommands().get(name);
            if (sub == null) {
                throw MurderException.badInput("no command '" + String.join(" ", names) + "': the commands are "
                        + String.join(", ", spec.subcommands().keySet()) + " (`" + spec.qualifiedName()
                        + " --help`)");
            }
            spec = sub.getCommandSpec();
        }
        return spec;
    }

    private void write(String page) {
        Path file = out.resolve(page);
        try {
            Files.writeString(file, ManPages.read(page), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw MurderException.badInput("cannot write " + file + " (" + OsErrors.reason(e) + ")");
        }
        spec.commandLine().getOut().println("wrote " + file);
        spec.commandLine().getOut().flush();
    }
}
