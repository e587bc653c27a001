package wrpcheck;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loaded library: its version, ABI version and finding codes. {@code java -jar wrpcheck.jar}
 * runs {@link #main}, which loads the glue and prints the version line of {@code wrpcheck --version}.
 */
public final class Wrpcheck {
    /** WRP_ABI_VERSION this binding was written against; the library must have the same. */
    public static final int ABI_VERSION = Native.ABI_VERSION;

    private Wrpcheck() {}

    /** The library's version ("MAJOR.MINOR.PATCH"). */
    public static String libraryVersion() {
        return Native.libraryVersion();
    }

    /** The library's ABI version (loading refuses any other than ABI_VERSION). */
    public static int abiVersion() {
        return Native.abiVersion();
    }

    /** Every finding code the library knows, name to value, in table order (read from the library). */
    public static Map<String, Integer> codes() {
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (int value : Native.codeValues()) {
            codes.put(Native.codeName(value), value);
        }
        return Collections.unmodifiableMap(codes);
    }

    /**
     * Prints "wrpcheck VERSION (ABI N)" of the library loaded, as {@code wrpcheck --version} does:
     * a check that the jar finds its glue and the glue its library.
     */
    public static void main(String[] args) {
        System.out.println("wrpcheck " + libraryVersion() + " (ABI " + abiVersion() + ")");
    }
}
