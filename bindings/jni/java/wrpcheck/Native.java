package wrpcheck;

/**
 * The natives of the JNI glue (bindings/jni/c/wrpcheck_jni.c), registered by its JNI_OnLoad.
 * Loading: the file named by the system property {@code wrpcheck.jni.library} when set, else
 * {@code libwrpcheck_jni} from {@code java.library.path} (on Android, from the APK). The jar
 * carries no native code: the glue is built for one platform and linked to the libwrpcheck
 * beside it. A glue that cannot be found is an UnsatisfiedLinkError that says where it was
 * looked for and how to point at it. The glue refuses a libwrpcheck of another ABI; this class
 * refuses glue of another one.
 */
final class Native {
    /** WRP_ABI_VERSION of the include/wrpcheck.h this binding was written against. */
    static final int ABI_VERSION = 1;

    static {
        String path = System.getProperty("wrpcheck.jni.library");
        if (path != null) {
            System.load(path);
        } else {
            try {
                System.loadLibrary("wrpcheck_jni");
            } catch (UnsatisfiedLinkError e) {
                UnsatisfiedLinkError hint = new UnsatisfiedLinkError(
                        "cannot load the wrpcheck JNI library (" + System.mapLibraryName("wrpcheck_jni")
                        + ") from java.library.path=" + System.getProperty("java.library.path")
                        + ": give its directory with -Djava.library.path=DIR, or the file with"
                        + " -Dwrpcheck.jni.library=FILE");
                hint.initCause(e);
                throw hint;
            }
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
                               byte[] registration, byte[][] disclosurePolicies, String lang, int kind);

    static native Result checkRegistration(long handle, byte[] certificate, byte[] acChain, boolean forRequest);

    /** The library's lookup in the result behind handle, which owner keeps alive (NativeResult). */
    static native LocalizedText lookup(long handle, String langs, boolean serviceDescription, Object owner);

    static native void resultFree(long handle);
}
