package murder.cli;

import picocli.CommandLine.IVersionProvider;

public final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Version.class.getPackage().getImplementationVersion();
        return new String[] {"murder " + (version == null ? "dev" : version)};
    }
}
