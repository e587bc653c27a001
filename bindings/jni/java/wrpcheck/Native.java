package wrpcheck;

/**
 * The natives of the JNI glue (bindings/jni/c/wrpcheck_jni.c), registered by its JNI_OnLoad.
 * Loading: the file named by the system property {@code wrpcheck.jni.library} when set, else
 * {@code libwrpcheck_jni} from {@code java.library.path} (on Android, from the APK). The glue
 * refuses a libwrpcheck of another ABI; this class refuses glue of another one.
 */
final class Native {
    /** WRP_ABI_VERSION of the include/wrpcheck.h this binding was written against. */
    static final int ABI_VERSION = 1;

    static {
        String path = System.getProperty("wrpcheck.jni.library");
        if (path != null) {
            System.load(path);
        } else {
            System.loadLibrary("wrpcheck_jni");
        }
        int abi = abiVersion();
        if (abi != ABI_VERSION) {
            throw new UnsatisfiedLinkError("libwrpcheck has ABI version " + abi + "; this binding needs " + ABI_VERSION);
        }
    }

    private Native() {}

    static native int abiVersion();

    static native String libraryVersion();

    static native int[] codeValues();

    static native String codeName(int code);

    static native long verifierNew(byte[][] acAnchors, byte[][] rcAnchors, byte[][] statusLists, byte[][] crls,
                                   byte[][] registers, byte[][] registerAnchors, String[] transactionDataTypes,
                                   long time, boolean revocation, boolean requireAcPolicy, int mode);

    static native void verifierFree(long handle);

    static native Result audit(long handle, byte[] request, byte[] transcript, String clientId, String origin,
                               byte[] registration, int kind);

    static native Result checkRegistration(long handle, byte[] certificate, byte[] acChain, boolean forRequest);
}
