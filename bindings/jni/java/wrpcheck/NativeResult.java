package wrpcheck;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A native wrp_result kept after the glue copied it into a {@link Result}, for the lookups of
 * {@link RelyingParty#purposeFor} and {@link RelyingParty#serviceDescriptionFor}: the library's
 * RFC 4647 lookup runs on the result that read the certificate. The glue makes one only for a
 * result with a relying party, which holds it; once neither is reachable, a daemon thread waiting
 * on a reference queue frees the native result (java.lang.ref.Cleaner would do the same, but
 * Android has it only from API level 33). A result never changes after it was made, so threads
 * may look up at the same time.
 */
final class NativeResult {
    private static final ReferenceQueue<NativeResult> QUEUE = new ReferenceQueue<>();
    /** The results not freed yet; a phantom reference must itself stay reachable to be enqueued. */
    private static final Set<Release> KEPT = Collections.newSetFromMap(new ConcurrentHashMap<>());
    private static Thread releaser;

    private final long handle;

    /** Made by the glue, which hands the wrp_result over once this returns. */
    NativeResult(long handle) {
        startReleaser();
        this.handle = handle;
        KEPT.add(new Release(this, handle));
    }

    /**
     * The entry of the purposes (or of the service descriptions) the library's lookup chooses for
     * langs; null when there is none. WrpException (where "langs") for a list the library refuses.
     */
    LocalizedText lookup(String langs, boolean serviceDescription) {
        Objects.requireNonNull(langs, "langs");
        // this goes along so that it stays reachable, and the result alive, during the call
        return Native.lookup(handle, langs, serviceDescription, this);
    }

    /** How many native results are kept now. */
    static int kept() {
        return KEPT.size();
    }

    private static final class Release extends PhantomReference<NativeResult> {
        final long handle;

        Release(NativeResult owner, long handle) {
            super(owner, QUEUE);
            this.handle = handle;
        }
    }

    private static synchronized void startReleaser() {
        if (releaser == null) {
            Thread t = new Thread(NativeResult::releaseForever, "wrpcheck-result-releaser");
            t.setDaemon(true);
            t.start();
            releaser = t;
        }
    }

    private static void releaseForever() {
        while (true) {
            try {
                Release r = (Release) QUEUE.remove();
                if (KEPT.remove(r)) {
                    Native.resultFree(r.handle);
                }
            } catch (InterruptedException e) {
                // not a request to stop: the results still kept must be freed all the same
            }
        }
    }
}
