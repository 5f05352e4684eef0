package murder.core.tarball;

import java.util.Locale;
import murder.core.MurderException;

/** Byte counts as operators write them ({@code 32g}, {@code 512m}, {@code 1048576}) and read them ({@code 32 GiB}). */
public final class ByteSizes {

    private static final String UNITS = "kmgtp";

    private ByteSizes() {
    }

    /** Parses a number of bytes with an optional binary unit: k, m, g, t, p (also kb, kib, ...; any case). */
    public static long parse(String text) {
        String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        s = s.endsWith("ib") ? s.substring(0, s.length() - 2) : s.endsWith("b") ? s.substring(0, s.length() - 1) : s;
        int shift = 0;
        if (!s.isEmpty() && UNITS.indexOf(s.charAt(s.length() - 1)) >= 0) {
            shift = 10 * (UNITS.indexOf(s.charAt(s.length() - 1)) + 1);
            s = s.substring(0, s.length() - 1).trim();
        }
        try {
            long number = Long.parseLong(s);
            if (number < 0 || shift > 0 && number > (Long.MAX_VALUE >> shift)) {
                throw new NumberFormatException();
            }
            return number << shift;
        } catch (NumberFormatException e) {
            throw MurderException.badInput("'" + text + "' is not a size: give bytes or a number with k, m, g or t "
                    + "(binary units), e.g. 32g");
        }
    }

    /** A short human form: {@code 512 bytes}, {@code 2.0 MiB}, {@code 32 GiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + (bytes == 1 ? " byte" : " bytes");
        }
        int unit = Math.min((63 - Long.numberOfLeadingZeros(bytes)) / 10, UNITS.length());
        double value = bytes / (double) (1L << (10 * unit));
        String number = value == Math.rint(value) ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
        return number + " " + Character.toUpperCase(UNITS.charAt(unit - 1)) + "iB";
    }
}
