package wrpcheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An immutable libwrpcheck verifier context: trust anchors, revocation data, register, policy and
 * time. Safe to share across threads; {@link #close()} frees the native context once the calls
 * in progress have returned (later calls throw IllegalStateException).
 * <pre>{@code
 * try (Verifier v = Verifier.builder().acAnchors(ac).rcAnchors(rc).crl(crl).statusList(sl)
 *         .time(1798761600L).build()) {
 *     Result r = v.audit(new Request(bytes).clientId("x509_san_dns:rp.example.com"));
 * }
 * }</pre>
 */
public final class Verifier implements AutoCloseable {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final long time;
    private long handle;

    private Verifier(long handle, long time) {
        this.handle = handle;
        this.time = time;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The verification time, Unix seconds. */
    public long getTime() {
        return time;
    }

    /**
     * Judges a request. A deny is a Result; WrpException only when the call could not run, among
     * them a disclosure policy the library refuses ("disclosurePolicies[i]" and its reason) and a
     * language list it refuses ("lang").
     */
    public Result audit(Request request) {
        Objects.requireNonNull(request, "request");
        lock.readLock().lock();
        try {
            return Native.audit(open(), request.bytes, request.transcript, request.clientId, request.origin,
                                request.registration, request.disclosurePolicies.toArray(new byte[0][]),
                                request.lang, request.kind.value);
        } finally {
            lock.readLock().unlock();
        }
    }

    public Result audit(byte[] request) {
        return audit(new Request(request));
    }

    /**
     * Verifies a registration certificate on its own, bound to the access certificate chain acChain
     * (PEM leaf first, or DER) when it is not null; forRequest also requires the Service_Provider
     * entitlement.
     */
    public Result checkRegistration(byte[] certificate, byte[] acChain, boolean forRequest) {
        Objects.requireNonNull(certificate, "certificate");
        lock.readLock().lock();
        try {
            return Native.checkRegistration(open(), certificate, acChain, forRequest);
        } finally {
            lock.readLock().unlock();
        }
    }

    private long open() {
        if (handle == 0) {
            throw new IllegalStateException("the verifier is closed");
        }
        return handle;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (handle != 0) {
                Native.verifierFree(handle);
                handle = 0;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Collects the configuration; {@link #build()} copies it into a native verifier. */
    public static final class Builder {
        private final List<byte[]> acAnchors = new ArrayList<>();
        private final List<byte[]> rcAnchors = new ArrayList<>();
        private final List<byte[]> statusLists = new ArrayList<>();
        private final List<byte[]> crls = new ArrayList<>();
        private final List<byte[]> registers = new ArrayList<>();
        private final List<byte[]> registerAnchors = new ArrayList<>();
        private final List<String> transactionDataTypes = new ArrayList<>();
        private Long time;
        private boolean revocation = true;
        private boolean requireAcPolicy;
        private Mode mode = Mode.ENFORCE;

        private Builder() {}

        /** Trust anchors for access certificates (PEM, one or more, or one DER certificate). */
        public Builder acAnchors(byte[] data) {
            acAnchors.add(Objects.requireNonNull(data));
            return this;
        }

        /** Trust anchors for registration certificate providers (also for status list tokens). */
        public Builder rcAnchors(byte[] data) {
            rcAnchors.add(Objects.requireNonNull(data));
            return this;
        }

        /** A Token Status List token (statuslist+jwt or CWT). */
        public Builder statusList(byte[] data) {
            statusLists.add(Objects.requireNonNull(data));
            return this;
        }

        /** CRLs for access certificate chains (PEM, one or more, or one DER). */
        public Builder crl(byte[] data) {
            crls.add(Objects.requireNonNull(data));
            return this;
        }

        /** A register response (TS5, signed or not); repeatable for pages. */
        public Builder register(byte[] data) {
            registers.add(Objects.requireNonNull(data));
            return this;
        }

        /** Certificates trusted to sign register responses. */
        public Builder registerAnchors(byte[] data) {
            registerAnchors.add(Objects.requireNonNull(data));
            return this;
        }

        /** A transaction data type the wallet can handle; entries of other types are refused. */
        public Builder transactionDataType(String type) {
            transactionDataTypes.add(Objects.requireNonNull(type));
            return this;
        }

        /**
         * The verification time, Unix seconds. Without it the clock is read once, by build(): a
         * verifier keeps judging at the time it was built.
         */
        public Builder time(long unixSeconds) {
            time = unixSeconds;
            return this;
        }

        /** false: skip status list and CRL checks (REVOCATION_SKIPPED is recorded). */
        public Builder revocation(boolean enabled) {
            revocation = enabled;
            return this;
        }

        /** true: an access certificate without a TS 119 411-8 policy is the error AC_POLICY. */
        public Builder requireAcPolicy(boolean enabled) {
            requireAcPolicy = enabled;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = Objects.requireNonNull(mode);
            return this;
        }

        /** The verifier; WrpException names the input that cannot be used and why. */
        public Verifier build() {
            long when = time != null ? time : System.currentTimeMillis() / 1000L;
            long handle = Native.verifierNew(acAnchors.toArray(new byte[0][]), rcAnchors.toArray(new byte[0][]),
                    statusLists.toArray(new byte[0][]), crls.toArray(new byte[0][]), registers.toArray(new byte[0][]),
                    registerAnchors.toArray(new byte[0][]), transactionDataTypes.toArray(new String[0]), when,
                    revocation, requireAcPolicy, mode.value);
            return new Verifier(handle, when);
        }
    }
}
