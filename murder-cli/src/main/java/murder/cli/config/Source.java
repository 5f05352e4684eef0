package murder.cli.config;

import java.nio.file.Path;

/** Where a setting's value came from, in the order they win: flag, env, file, default. */
record Source(String kind, String detail) {

    static final Source FLAG = new Source("flag", null);
    static final Source DEFAULT = new Source("default", null);

    static Source env(String variable) {
        return new Source("env", variable);
    }

    static Source file(Path file, int line) {
        return new Source("file", file + " line " + line);
    }

    @Override
    public String toString() {
        return detail == null ? kind : kind + " " + detail;
    }
}
