package murder.cli;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Names near a mistyped command or option. picocli suggests options that share the first two letters and commands
 * that share pairs of letters, which misses the usual typos ({@code --prot}, {@code --tgas}, {@code nwe}); those are
 * one or two edits away (a swap of neighbours is one).
 */
final class Suggestions {

    private Suggestions() {
    }

    /** The names closest to {@code typed}, nearest first, then picocli's own; at most {@code max}. */
    static List<String> near(String typed, Collection<String> names, List<String> picocli, int max) {
        String bare = strip(typed);
        Set<String> near = new LinkedHashSet<>();
        names.stream()
                .filter(name -> close(bare, strip(name)))
                .sorted(Comparator.comparingInt(name -> distance(bare, strip(name))))
                .forEach(near::add);
        near.addAll(picocli);
        return near.stream().limit(max).toList();
    }

    private static boolean close(String typed, String name) {
        int d = distance(typed, name);
        return d <= 1 || (d == 2 && Math.max(typed.length(), name.length()) >= 4);
    }

    private static String strip(String option) {
        int i = 0;
        while (i < option.length() && option.charAt(i) == '-') {
            i++;
        }
        int eq = option.indexOf('=');
        return option.substring(i, eq < 0 ? option.length() : eq);
    }

    /** Edits (insert, delete, replace, swap of neighbours) from a to b: the optimal string alignment distance. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
