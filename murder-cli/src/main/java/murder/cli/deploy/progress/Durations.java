package murder.cli.deploy.progress;

/** Short human durations for progress lines: 42s, 3m05s, 1h02m. */
final class Durations {

    private Durations() {
    }

    static String compact(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format("%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
