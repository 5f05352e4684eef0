package murder.cli.help;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** picocli's generated completion script, which bash runs as it is and zsh through bashcompinit. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a bash/zsh completion script for murder's commands and options.",
            "bash: add `source <(murder completion)` to ~/.bashrc; zsh: the same line in ~/.zshrc."})
public final class CompletionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash(spec.root().name(), root));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
