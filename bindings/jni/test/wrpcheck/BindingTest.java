package wrpcheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java binding judged against the CLI: every case of bindings/cases.tsv, run through both,
 * must give the same JSON, verdict and codes. Then the binding's own promises. No test framework:
 * prints cmocka's lines, so tests/run.sh counts them; exit status 1 when anything failed.
 * System properties: wrpcheck.root (the repository, default "."), wrpcheck.cli (default
 * ROOT/build/wrpcheck), wrpcheck.jar (the jar the binding must come from: build/wrpcheck.jar).
 */
public final class BindingTest {
    private static final Path ROOT = Paths.get(System.getProperty("wrpcheck.root", ".")).toAbsolutePath().normalize();
    private static final Path CLI = Paths.get(System.getProperty("wrpcheck.cli", ROOT.resolve("build/wrpcheck").toString()));
    private static final long DEMO_TIME = 1798761600L;
    private static final Map<String, Integer> EXIT = Map.of("allow", 0, "deny", 1, "error", 2, "warn", 3);

    interface Body {
        void run() throws Exception;
    }

    private static final Map<String, Body> TESTS = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        addCases();
        addDisclosureCases();
        addDisplayCases();
        TESTS.put("abi_version_is_the_headers", BindingTest::abiVersionIsTheHeaders);
        TESTS.put("codes_are_the_header_table", BindingTest::codesAreTheHeaderTable);
        TESTS.put("unusable_anchor_file_is_the_librarys_status", BindingTest::unusableAnchorFile);
        TESTS.put("input_beyond_the_limit_is_status_limit", BindingTest::inputBeyondTheLimit);
        TESTS.put("string_with_nul_is_status_arg", BindingTest::stringWithNul);
        TESTS.put("strings_beyond_the_bmp_cross_intact", BindingTest::stringsBeyondTheBmp);
        TESTS.put("a_deny_is_a_result", BindingTest::aDenyIsAResult);
        TESTS.put("finding_and_requested_fields", BindingTest::findingAndRequestedFields);
        TESTS.put("unverified_relying_party_is_not_the_relying_party", BindingTest::unverifiedRelyingParty);
        TESTS.put("v1_1_an_intermediated_request", BindingTest::intermediatedRequest);
        TESTS.put("v1_1_the_relying_partys_members", BindingTest::relyingPartyV11Members);
        TESTS.put("v1_1_the_supervisory_authority", BindingTest::supervisoryAuthority);
        TESTS.put("v1_1_the_access_certificate", BindingTest::accessCertificate);
        TESTS.put("v1_1_a_direct_request_has_no_intermediary", BindingTest::directRequest);
        TESTS.put("v1_1_an_unsigned_request_has_no_access_certificate", BindingTest::unsignedRequest);
        TESTS.put("v1_1_values_equals_hash_code_to_string", BindingTest::v11Values);
        TESTS.put("disclosure_policy_of_a_listed_relying_party_allows", BindingTest::disclosurePolicyAllows);
        TESTS.put("disclosure_policy_of_another_relying_party_denies", BindingTest::disclosurePolicyDenies);
        TESTS.put("two_disclosure_policies_each_one_counts", BindingTest::twoDisclosurePolicies);
        TESTS.put("disclosure_policies_belong_to_their_request", BindingTest::disclosurePoliciesPerRequest);
        TESTS.put("malformed_disclosure_policy_throws_its_reason_and_index", BindingTest::malformedDisclosurePolicy);
        TESTS.put("disclosure_policies_beyond_64_are_status_limit", BindingTest::tooManyDisclosurePolicies);
        TESTS.put("null_disclosure_policy_is_refused", BindingTest::nullDisclosurePolicy);
        TESTS.put("lang_the_display_is_the_lookup_of_each", BindingTest::displayIsTheLookupOfEach);
        TESTS.put("lang_without_it_no_display", BindingTest::withoutLangNoDisplay);
        TESTS.put("lang_an_unverified_relying_party_has_a_null_display", BindingTest::unverifiedDisplay);
        TESTS.put("lang_lookups_are_the_librarys", BindingTest::lookupsAreTheLibrarys);
        TESTS.put("lang_lookups_agree_with_the_display_and_the_cli", BindingTest::lookupsAgreeWithTheDisplay);
        TESTS.put("lang_a_refused_list_throws_the_librarys_reason", BindingTest::refusedLangList);
        TESTS.put("lang_a_lookup_refuses_what_the_library_refuses", BindingTest::lookupRefusesLists);
        TESTS.put("lang_a_certificate_without_entries_gives_null", BindingTest::lookupWithoutEntries);
        TESTS.put("lang_lookups_outlive_the_verifier", BindingTest::lookupsOutliveTheVerifier);
        TESTS.put("lang_native_results_are_freed_when_unreachable", BindingTest::nativeResultsFreed);
        TESTS.put("lang_lookups_on_many_threads", BindingTest::lookupsOnManyThreads);
        TESTS.put("alternatives_credential_set_options", BindingTest::credentialSetOptions);
        TESTS.put("alternatives_claim_set_options", BindingTest::claimSetOptions);
        TESTS.put("alternatives_none_without_a_dcql_query", BindingTest::noAlternatives);
        TESTS.put("consent_values_equals_hash_code_to_string", BindingTest::consentValues);
        TESTS.put("claim_paths_parse", BindingTest::claimPathsParse);
        TESTS.put("closed_verifier_refuses_calls", BindingTest::closedVerifier);
        TESTS.put("one_verifier_judges_on_many_threads", BindingTest::manyThreads);
        TESTS.put("results_of_the_same_request_are_equal", BindingTest::sameRequestEqual);
        TESTS.put("different_results_are_not_equal", BindingTest::differentResultsDiffer);
        TESTS.put("to_string_shows_the_fields", BindingTest::toStringShowsTheFields);
        TESTS.put("to_string_escapes_control_characters", BindingTest::toStringEscapes);
        TESTS.put("the_binding_comes_from_the_jar", BindingTest::bindingComesFromTheJar);
        TESTS.put("java_jar_loads_the_glue_or_says_how", BindingTest::javaJarLoadsTheGlue);
        List<String> failed = new ArrayList<>();
        System.out.println("[==========] tests: running " + TESTS.size() + " test(s).");
        for (Map.Entry<String, Body> t : TESTS.entrySet()) {
            System.out.println("[ RUN      ] " + t.getKey());
            try {
                t.getValue().run();
                System.out.println("[       OK ] " + t.getKey());
            } catch (Throwable e) {
                failed.add(t.getKey());
                System.out.println("[  ERROR   ] " + t.getKey() + ": " + e);
                e.printStackTrace(System.out);
            }
        }
        System.out.println("[  PASSED  ] " + (TESTS.size() - failed.size()) + " test(s).");
        if (!failed.isEmpty()) {
            System.out.println("[  FAILED  ] " + failed.size() + " test(s), listed below:");
            for (String f : failed) {
                System.out.println("[  FAILED  ] " + f);
            }
        }
        System.exit(failed.isEmpty() ? 0 : 1);
    }

    // ---- assertions ----

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }

    private static void equal(Object got, Object want, String what) {
        if (got == null ? want != null : !got.equals(want)) {
            throw new AssertionError(what + ": got <" + got + ">, expected <" + want + ">");
        }
    }

    private static WrpException expectWrp(Body body) throws Exception {
        try {
            body.run();
        } catch (WrpException e) {
            return e;
        }
        throw new AssertionError("no WrpException");
    }

    // ---- bindings/cases.tsv ----

    static final class Cli {
        final int status;
        final String out;

        Cli(int status, String out) {
            this.status = status;
            this.out = out;
        }
    }

    /** The CLI, without the sanitizer preload this JVM may carry. */
    static Cli runCli(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(CLI.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("LD_PRELOAD");
        pb.environment().remove("ASAN_OPTIONS");
        Process p = pb.start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Cli(p.waitFor(), out);
    }

    /**
     * Every disclosure- case of testvectors/e2e/cases.tsv, through the binding and the CLI: the
     * same JSON; a policy the CLI cannot use (exit 2, INPUT_UNREADABLE) is a WrpException whose
     * reason is the one the CLI gives.
     */
    private static void addDisclosureCases() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("testvectors/e2e/cases.tsv"), StandardCharsets.UTF_8);
        int added = 0;
        for (String line : lines) {
            String[] cols = line.split("\t");
            if (line.startsWith("#") || cols.length < 5 || !cols[0].startsWith("disclosure-")) {
                continue;
            }
            List<String> cliArgs = Arrays.asList(cols[4].split(" +"));
            check(cliArgs.get(0).equals("audit") && cols[1].matches("[0-3]"), "e2e case " + cols[0]);
            String name = "e2e_" + cols[0].replaceAll("[^A-Za-z0-9]+", "_");
            int exit = Integer.parseInt(cols[1]);
            TESTS.put(name, () -> checkDisclosureCase(exit, cliArgs));
            added++;
        }
        check(added >= 30, "the disclosure cases of testvectors/e2e/cases.tsv read: " + added);
    }

    private static void checkDisclosureCase(int exit, List<String> cliArgs) throws Exception {
        Cli cli = runCli(cliArgs);
        equal(cli.status, exit, "CLI exit status");
        List<String> args = new ArrayList<>();
        for (int i = 1; i < cliArgs.size(); i++) {
            if (cliArgs.get(i).equals("--format")) {
                i++;
            } else {
                args.add(cliArgs.get(i));
            }
        }
        if (exit != 2) {
            Result r = judge("audit", args);
            equal(r.toJson(), cli.out.replaceAll("\n$", ""), "JSON");
            equal(EXIT.get(r.getVerdict().label()), exit, "verdict");
            return;
        }
        Map<?, ?> j = (Map<?, ?>) Json.parse(cli.out);
        String message = (String) ((Map<?, ?>) ((List<?>) j.get("findings")).get(0)).get("message");
        int policy = -1;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--disclosure-policy")) {
                policy++;
                if (!Files.exists(ROOT.resolve(args.get(i + 1)))) {
                    check(message.startsWith("cannot read disclosure policy file"), "CLI: " + message);
                    try {
                        judge("audit", args);
                        throw new AssertionError("a missing policy file was read");
                    } catch (java.nio.file.NoSuchFileException expected) {
                        return; // the application reads the file, not the binding
                    }
                }
            }
        }
        WrpException e = expectWrp(() -> judge("audit", args));
        equal(e.getStatus(), Status.MALFORMED, "status");
        equal(e.getWhere(), "disclosurePolicies[" + policy + "]", "where");
        check(!e.getDetail().isEmpty(), "the library's reason");
        check(message.endsWith(": malformed input: " + e.getDetail()), "the CLI's reason <" + message
                + "> is the binding's <" + e.getDetail() + ">");
    }

    private static void addCases() throws IOException {
        List<String> common = new ArrayList<>();
        List<String> lines = Files.readAllLines(ROOT.resolve("bindings/cases.tsv"), StandardCharsets.UTF_8);
        for (int n = 1; n <= lines.size(); n++) {
            String line = lines.get(n - 1);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols[0].equals("common")) {
                common = Arrays.asList(cols[1].split(" +"));
                continue;
            }
            List<String> args = new ArrayList<>(common);
            args.addAll(Arrays.asList(cols[3].split(" +")));
            Set<String> codes = cols[2].equals("-") ? Set.of() : new HashSet<>(Arrays.asList(cols[2].split(",")));
            String command = cols[0], verdict = cols[1];
            String name = String.format("cases_tsv_line_%03d_%s_%s", n, command,
                    Paths.get(args.get(args.size() - 1)).getFileName().toString().replaceAll("[^A-Za-z0-9]+", "_"));
            TESTS.put(name, () -> checkCase(command, verdict, codes, args));
        }
    }

    /** Translates the CLI's arguments to the builder and the call; a repeated single option replaces. */
    private static Result judge(String command, List<String> args) throws IOException {
        Verifier.Builder b = Verifier.builder();
        byte[] transcript = null, registration = null, acChain = null;
        String clientId = null, origin = null, lang = null;
        Kind kind = Kind.AUTO;
        boolean forRequest = false;
        List<byte[]> policies = new ArrayList<>();
        Path input = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--ac-anchors": b.acAnchors(read(args.get(++i))); break;
                case "--rc-anchors": b.rcAnchors(read(args.get(++i))); break;
                case "--status-list": b.statusList(read(args.get(++i))); break;
                case "--crl": b.crl(read(args.get(++i))); break;
                case "--register": b.register(read(args.get(++i))); break;
                case "--register-anchors": b.registerAnchors(read(args.get(++i))); break;
                case "--transaction-data-type": b.transactionDataType(args.get(++i)); break;
                case "--time": b.time(Long.parseLong(args.get(++i))); break;
                case "--mode": b.mode(Mode.valueOf(args.get(++i).toUpperCase())); break;
                case "--no-revocation": b.revocation(false); break;
                case "--transcript": transcript = Files.readAllBytes(ROOT.resolve(args.get(++i))); break;
                case "--rc": registration = Files.readAllBytes(ROOT.resolve(args.get(++i))); break;
                case "--ac-chain": acChain = Files.readAllBytes(ROOT.resolve(args.get(++i))); break;
                case "--client-id": clientId = args.get(++i); break;
                case "--origin": origin = args.get(++i); break;
                case "--lang": lang = args.get(++i); break;
                case "--kind": kind = Kind.valueOf(args.get(++i).toUpperCase()); break;
                case "--for-request": forRequest = true; break;
                case "--disclosure-policy": policies.add(Files.readAllBytes(ROOT.resolve(args.get(++i)))); break;
                default:
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("cases.tsv: option " + a + " has no translation");
                    }
                    if (input != null) {
                        throw new IllegalArgumentException("cases.tsv: two inputs");
                    }
                    input = ROOT.resolve(a);
            }
        }
        byte[] bytes = Files.readAllBytes(input);
        try (Verifier v = b.build()) {
            if (command.equals("rc")) {
                return v.checkRegistration(bytes, acChain, forRequest);
            }
            Request rq = new Request(bytes).transcript(transcript).registration(registration).clientId(clientId)
                    .origin(origin).lang(lang).kind(kind);
            for (byte[] policy : policies) {
                rq.disclosurePolicy(policy);
            }
            return v.audit(rq);
        }
    }

    private static void checkCase(String command, String verdict, Set<String> codes, List<String> args) throws Exception {
        List<String> cliArgs = new ArrayList<>(List.of(command, "--format", "json"));
        cliArgs.addAll(args);
        Cli cli = runCli(cliArgs);
        equal(cli.status, EXIT.get(verdict), "CLI exit status");
        Result r = judge(command, args);
        equal(r.toJson(), cli.out.replaceAll("\n$", ""), "JSON");
        equal(r.getVerdict().label(), verdict, "verdict");
        equal(new HashSet<>(r.getCodes()), codes, "codes");
    }

    // ---- the binding's own behaviour ----

    private static byte[] read(String path) throws IOException {
        return Files.readAllBytes(ROOT.resolve(path));
    }

    private static byte[] vector(String name) throws IOException {
        return read("testvectors/" + name);
    }

    private static Verifier.Builder demo() throws IOException {
        return Verifier.builder().acAnchors(vector("pki/ac-int.pem")).crl(vector("crl/current.pem"))
                .rcAnchors(vector("rc/pki/rc-root.pem")).statusList(vector("rc/sl-valid.jwt")).time(DEMO_TIME);
    }

    private static byte[] demoRequest() throws IOException {
        return vector("o4vp/valid-san-dns.jwt");
    }

    private static String header() throws IOException {
        return Files.readString(ROOT.resolve("include/wrpcheck.h"));
    }

    private static void abiVersionIsTheHeaders() throws Exception {
        Matcher m = Pattern.compile("#define WRP_ABI_VERSION (\\d+)").matcher(header());
        check(m.find(), "WRP_ABI_VERSION in the header");
        equal(Wrpcheck.ABI_VERSION, Integer.parseInt(m.group(1)), "binding ABI");
        equal(Wrpcheck.abiVersion(), Wrpcheck.ABI_VERSION, "library ABI");
        check(Wrpcheck.libraryVersion().matches("\\d+\\.\\d+\\.\\d+"), "library version");
    }

    private static void codesAreTheHeaderTable() throws Exception {
        String h = header();
        String table = h.substring(h.indexOf("#define WRP_CODE_TABLE(X)"), h.indexOf("typedef enum wrp_code"));
        Map<String, Integer> want = new LinkedHashMap<>();
        Matcher m = Pattern.compile("X\\((\\w+), (\\d+)\\)").matcher(table);
        while (m.find()) {
            want.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        check(want.size() > 40, "header table read");
        equal(Wrpcheck.codes(), want, "codes");
        equal(new ArrayList<>(Wrpcheck.codes().keySet()), new ArrayList<>(want.keySet()), "table order");
    }

    private static void unusableAnchorFile() throws Exception {
        WrpException e = expectWrp(() -> demo().acAnchors(vector("o4vp/valid-san-dns.jwt")).build());
        equal(e.getStatus(), Status.MALFORMED, "status");
        equal(e.getWhere(), "acAnchors[1]", "where");
        check(!e.getDetail().isEmpty(), "the library's reason");
        check(e.getMessage().startsWith("acAnchors[1]: malformed input: "), e.getMessage());
    }

    private static void inputBeyondTheLimit() throws Exception {
        byte[] tooBig = new byte[4 * 1024 * 1024 + 1];
        equal(expectWrp(() -> demo().register(tooBig).build()).getStatus(), Status.LIMIT, "config input");
        try (Verifier v = demo().build()) {
            WrpException e = expectWrp(() -> v.audit(tooBig));
            equal(e.getStatus(), Status.LIMIT, "request");
            equal(e.getWhere(), "request", "where");
        }
    }

    private static void stringWithNul() throws Exception {
        try (Verifier v = demo().build()) {
            WrpException e = expectWrp(() -> v.audit(new Request(demoRequest()).clientId("x509_san_dns:a\0b")));
            equal(e.getStatus(), Status.ARG, "status");
            equal(e.getWhere(), "clientId", "where");
        }
        equal(expectWrp(() -> demo().transactionDataType("a\0").build()).getStatus(), Status.ARG, "transaction data type");
    }

    private static void stringsBeyondTheBmp() throws Exception {
        String odd = "x509_san_dns:\uD83D\uDE00.\u00e9xample";
        try (Verifier v = demo().build()) {
            Result r = v.audit(new Request(demoRequest()).clientId(odd));
            equal(r.getCodes(), List.of("CLIENT_ID_MISMATCH"), "codes");
            String message = r.getFindings().get(0).getMessage();
            check(message.contains("\uD83D\uDE00.\u00e9xample"), "message keeps the text: " + message);
            check(!message.contains("\uFFFD"), "no replacement character: " + message);
        }
    }

    private static void aDenyIsAResult() throws Exception {
        try (Verifier v = demo().build()) {
            Result r = v.audit("not a request".getBytes(StandardCharsets.US_ASCII));
            equal(r.getVerdict(), Verdict.ERROR, "verdict");
            equal(r.getCodes(), List.of("REQUEST_MALFORMED"), "codes");
        }
    }

    private static void findingAndRequestedFields() throws Exception {
        try (Verifier v = demo().register(vector("register/valid.jwt")).registerAnchors(vector("register/pki/reg-root.pem"))
                .mode(Mode.WARN).build()) {
            Result r = v.audit(demoRequest());
            equal(r.getVerdict(), Verdict.WARN, "verdict");
            Finding f = r.getFindings().get(0);
            equal(f.getCode(), "OVERASK", "code");
            equal(f.getCodeValue(), 50, "code value");
            equal(f.getSeverity(), Severity.WARNING, "severity");
            equal(f.getCredentialId(), "pid", "credential id");
            equal(f.getType(), "urn:eudi:pid:1", "type");
            equal(f.getPath(), List.of("address", "country"), "path");
            equal(f.getSource(), "register", "source");
            equal(r.getRequested().size(), 3, "requested");
            Requested q = r.getRequested().get(1);
            equal(q.getPath(), List.of("address", "country"), "requested path");
            check(!q.isRegistered(), "not registered");
            RelyingParty rp = r.getRelyingParty();
            equal(rp.getName(), "Example Shop", "name");
            equal(rp.getIdentifier(), "LEIXG-529900T8BM49AURSDO55", "identifier");
            equal(rp.getPurpose(), Map.of("en", "Checking that the buyer is of age"), "purpose");
            equal(rp.getCountry(), "NL", "country");
        }
    }

    private static void unverifiedRelyingParty() throws Exception {
        try (Verifier v = demo().time(1956528000L).build()) {
            Result r = v.audit(demoRequest());
            equal(r.getVerdict(), Verdict.DENY, "verdict");
            equal(r.getRelyingParty(), null, "relying party");
            check(!r.getClaimedRelyingParty().isVerified(), "claimed, not verified");
            equal(r.getClaimedRelyingParty().getName(), "Example Shop", "claimed name");
            check(r.toJson().contains("\"relying_party\":null"), "JSON relying_party null");
        }
    }

    // ---- the facts of contract v1.1 (SPEC.md 6a), each equal to what the result's JSON says ----

    /** The end-to-end configuration (testvectors/e2e/cases.tsv): the access CA's root as anchor. */
    private static Verifier.Builder e2e() throws IOException {
        return Verifier.builder().acAnchors(vector("pki/ac-root.pem")).crl(vector("crl/current.pem"))
                .rcAnchors(vector("rc/pki/rc-root.pem")).statusList(vector("rc/sl-valid.jwt")).time(DEMO_TIME);
    }

    private static Result e2eAudit(String request) throws IOException {
        try (Verifier v = e2e().build()) {
            return v.audit(vector("e2e/req/" + request));
        }
    }

    private static Result intermediated() throws IOException {
        return e2eAudit("intermediary-allow.jwt");
    }

    private static Map<?, ?> json(Result r) {
        return (Map<?, ?>) Json.parse(r.toJson());
    }

    private static Map<?, ?> member(Map<?, ?> object, String name) {
        Object value = object.get(name);
        check(value instanceof Map, "JSON " + name + " is an object: " + value);
        return (Map<?, ?>) value;
    }

    /** The JSON's access_certificate object of an AccessCertificate. */
    private static Map<String, Object> certificateJson(AccessCertificate ac) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("subject", ac.getSubject());
        m.put("issuer", ac.getIssuer());
        m.put("serial", ac.getSerial());
        m.put("not_before", ac.getNotBefore());
        m.put("not_after", ac.getNotAfter());
        m.put("sha256", ac.getSha256());
        m.put("verified", ac.isVerified());
        return m;
    }

    private static void intermediatedRequest() throws Exception {
        Result r = intermediated();
        Map<?, ?> j = json(r);
        equal(r.getVerdict(), Verdict.ALLOW, "verdict");
        equal(j.get("verdict"), "allow", "JSON verdict");
        RelyingParty rp = r.getRelyingParty();
        equal(rp.getIdentifier(), "LEIXG-5299001SERVEDPARTY7", "the served party");
        equal(rp.getIdentifier(), member(j, "relying_party").get("identifier"), "identifier as the JSON");
        Intermediary im = r.getIntermediary();
        check(im != null, "an intermediary");
        equal(im.getIdentifier(), "LEIXG-529900T8BM49AURSDO55", "intermediary identifier");
        equal(im.getName(), "Example Platform B.V.", "intermediary name");
        equal(Map.of("identifier", im.getIdentifier(), "name", im.getName()), j.get("intermediary"),
              "intermediary as the JSON");
    }

    private static void relyingPartyV11Members() throws Exception {
        Result r = intermediated();
        RelyingParty rp = r.getRelyingParty();
        Map<?, ?> jrp = member(json(r), "relying_party");
        List<LocalizedText> description = rp.getServiceDescription();
        equal(description.size(), 2, "service description entries");
        equal(description.get(1).getLang(), "nl", "second language");
        List<Map<String, String>> asJson = new ArrayList<>();
        for (LocalizedText t : description) {
            asJson.add(Map.of("lang", t.getLang(), "value", t.getText()));
        }
        equal(asJson, jrp.get("srv_description"), "service description as the JSON");
        equal(rp.getEntitlements(), List.of("https://uri.etsi.org/19475/Entitlement/Service_Provider"), "entitlements");
        equal(rp.getEntitlements(), jrp.get("entitlements"), "entitlements as the JSON");
        equal(rp.getPublicBody(), null, "public body not stated");
        check(!jrp.containsKey("public_body"), "no public_body in the JSON");
        equal(rp.getInfoUri(), jrp.get("info_uri"), "info uri as the JSON");
        equal(rp.getSupportUri(), jrp.get("support_uri"), "support uri as the JSON");
        check(rp.getInfoUri() != null && rp.getSupportUri() != null, "info and support uri");
    }

    private static void supervisoryAuthority() throws Exception {
        Result r = intermediated();
        SupervisoryAuthority sa = r.getRelyingParty().getSupervisoryAuthority();
        Map<?, ?> jsa = member(member(json(r), "relying_party"), "supervisory_authority");
        check(sa != null, "a supervisory authority");
        equal(sa.getEmail(), "info@dpa.example.nl", "email");
        equal(sa.getUri(), "https://dpa.example.nl", "uri");
        equal(sa.getEmail(), jsa.get("email"), "email as the JSON");
        equal(sa.getPhone(), jsa.get("phone"), "phone as the JSON");
        equal(sa.getUri(), jsa.get("uri"), "uri as the JSON");
        equal(sa.getMembers(), jsa, "members as the JSON");
        equal(new ArrayList<>(sa.getMembers().keySet()), new ArrayList<>(jsa.keySet()), "members in the JSON's order");
        try {
            sa.getMembers().put("email", "other@example.com");
            throw new AssertionError("members can be changed");
        } catch (UnsupportedOperationException expected) {
            // read-only
        }
    }

    private static void accessCertificate() throws Exception {
        Result r = intermediated();
        AccessCertificate ac = r.getAccessCertificate();
        check(ac != null, "an access certificate");
        equal(ac.getSerial(), "3001", "serial");
        equal(ac.getNotBefore(), "2026-01-01T00:00:00Z", "not before");
        check(ac.isVerified(), "verified");
        equal(ac.getSha256().length(), 43, "sha256 length");
        equal(certificateJson(ac), json(r).get("access_certificate"), "access certificate as the JSON");
    }

    private static void directRequest() throws Exception {
        Result r = e2eAudit("allow-basic.jwt");
        Map<?, ?> j = json(r);
        equal(r.getVerdict(), Verdict.ALLOW, "verdict");
        equal(r.getIntermediary(), null, "no intermediary");
        check(j.containsKey("intermediary") && j.get("intermediary") == null, "JSON intermediary null");
        check(r.getAccessCertificate() != null, "an access certificate");
        equal(certificateJson(r.getAccessCertificate()), j.get("access_certificate"), "access certificate as the JSON");
    }

    private static void unsignedRequest() throws Exception {
        Result r = e2eAudit("request-unsigned.json");
        equal(r.getAccessCertificate(), null, "no access certificate");
        check(!json(r).containsKey("access_certificate"), "no access_certificate in the JSON");
        equal(r.getIntermediary(), null, "no intermediary");
    }

    private static void v11Values() throws Exception {
        Result a = intermediated(), b = intermediated(), direct = e2eAudit("allow-basic.jwt");
        RelyingParty pa = a.getRelyingParty(), pb = b.getRelyingParty();
        sameValue(a.getIntermediary(), b.getIntermediary(), "intermediary");
        sameValue(a.getAccessCertificate(), b.getAccessCertificate(), "access certificate");
        sameValue(pa.getSupervisoryAuthority(), pb.getSupervisoryAuthority(), "supervisory authority");
        sameValue(pa.getServiceDescription().get(1), pb.getServiceDescription().get(1), "service description");
        sameValue(pa, pb, "relying party");
        sameValue(a, b, "result");
        differentValue(pa, direct.getRelyingParty(), "served party and direct relying party");
        differentValue(pa.getServiceDescription().get(0), pa.getServiceDescription().get(1), "two languages");
        differentValue(a, direct, "intermediated and direct results");
        Intermediary im = a.getIntermediary();
        AccessCertificate ac = a.getAccessCertificate();
        SupervisoryAuthority sa = pa.getSupervisoryAuthority();
        equal(im.toString(), "Intermediary{identifier=LEIXG-529900T8BM49AURSDO55, name=Example Platform B.V.}",
              "intermediary text");
        equal(sa.toString(), "SupervisoryAuthority{email=info@dpa.example.nl, phone=" + sa.getPhone()
              + ", uri=https://dpa.example.nl}", "supervisory authority text");
        equal(pa.getServiceDescription().get(1).toString(),
              "LocalizedText{lang=nl, text=" + pa.getServiceDescription().get(1).getText() + "}", "text");
        String c = ac.toString();
        for (String want : new String[] {"AccessCertificate{subject=" + ac.getSubject(), "issuer=" + ac.getIssuer(),
                "serial=3001", "notBefore=2026-01-01T00:00:00Z", "notAfter=" + ac.getNotAfter(),
                "sha256=" + ac.getSha256(), "verified=true}"}) {
            check(c.contains(want), "access certificate text lacks " + want + ": " + c);
        }
        String p = pa.toString();
        for (String want : new String[] {"serviceDescription=[LocalizedText{lang=en, ", "LocalizedText{lang=nl, ",
                "entitlements=[https://uri.etsi.org/19475/Entitlement/Service_Provider]",
                "supervisoryAuthority=" + sa}) {
            check(p.contains(want), "relying party text lacks " + want + ": " + p);
        }
        check(!p.contains("publicBody"), "no public body when absent: " + p);
        check(a.toString().contains("relyingParty=" + p + ", intermediary=" + im + ", accessCertificate=" + ac
                + ", findings=[]"), "result text: " + a);
        check(!direct.toString().contains("intermediary="), "no intermediary in the text: " + direct);
    }

    // ---- embedded disclosure policies (SPEC.md 8a), with the configuration of the e2e cases ----

    private static byte[] policy(String name) throws IOException {
        return vector("e2e/policy/" + name);
    }

    /** allow-basic.jwt (a request for the PID of LEIXG-529900T8BM49AURSDO55) with these policies. */
    private static Result withPolicies(String... policies) throws IOException {
        Request rq = new Request(vector("e2e/req/allow-basic.jwt"));
        for (String p : policies) {
            rq.disclosurePolicy(policy(p));
        }
        try (Verifier v = e2e().build()) {
            return v.audit(rq);
        }
    }

    /** The single DISCLOSURE_POLICY finding of a deny, on the PID. */
    private static Finding disclosureDeny(Result r, String what) {
        equal(r.getVerdict(), Verdict.DENY, what + ": verdict");
        equal(r.getCodes(), List.of("DISCLOSURE_POLICY"), what + ": codes");
        Finding f = r.getFindings().get(0);
        equal(f.getCodeValue(), Wrpcheck.codes().get("DISCLOSURE_POLICY"), what + ": code value");
        equal(f.getSeverity(), Severity.ERROR, what + ": severity");
        equal(f.getCredentialId(), "pid", what + ": credential id");
        equal(f.getType(), "urn:eudi:pid:1", what + ": type");
        return f;
    }

    private static void disclosurePolicyAllows() throws Exception {
        Result r = withPolicies("rps-lei.json");
        equal(r.getVerdict(), Verdict.ALLOW, "verdict");
        equal(r.getCodes(), List.of(), "codes");
        equal(r.getRelyingParty().getIdentifier(), "LEIXG-529900T8BM49AURSDO55", "the listed party");
        sameValue(r, withPolicies(), "a policy that authorizes changes nothing");
    }

    private static void disclosurePolicyDenies() throws Exception {
        Result r = withPolicies("rps-other.json");
        Finding f = disclosureDeny(r, "rps-other");
        check(f.getMessage().contains("authorized_relying_parties")
                && f.getMessage().contains("LEIXG-529900T8BM49AURSDO55"), "message: " + f.getMessage());
        equal(r.getRequested().size(), 2, "requested items");
        check(r.getRelyingParty() != null, "the relying party verified; the policy denies it all the same");
        equal(r.toJson().contains("\"code\":\"DISCLOSURE_POLICY\""), true, "JSON finding");
    }

    private static void twoDisclosurePolicies() throws Exception {
        // entitlement-pid-provider asks for an entitlement the party lacks: the second policy and
        // the first are each applied, whatever the order
        disclosureDeny(withPolicies("rps-lei.json", "entitlement-pid-provider.json"), "denying policy second");
        disclosureDeny(withPolicies("entitlement-pid-provider.json", "rps-lei.json"), "denying policy first");
        Result both = withPolicies("rps-lei.json", "entitlement-sp.json");
        equal(both.getVerdict(), Verdict.ALLOW, "two policies that both authorize");
        Result twice = withPolicies("rps-other.json", "root-unrelated.json");
        equal(twice.getVerdict(), Verdict.DENY, "two policies that both deny");
        equal(twice.getCodes(), List.of("DISCLOSURE_POLICY", "DISCLOSURE_POLICY"), "a finding of each");
    }

    private static void disclosurePoliciesPerRequest() throws Exception {
        Request denied = new Request(vector("e2e/req/allow-basic.jwt")).disclosurePolicy(policy("rps-other.json"));
        try (Verifier v = e2e().build()) {
            Result first = v.audit(denied);
            equal(v.audit(vector("e2e/req/allow-basic.jwt")).getVerdict(), Verdict.ALLOW,
                    "a request without policies, on the same verifier, after one with");
            sameValue(first, v.audit(denied), "the same request judged again keeps its policy");
            disclosureDeny(first, "rps-other");
        }
    }

    private static void malformedDisclosurePolicy() throws Exception {
        Request rq = new Request(vector("e2e/req/allow-basic.jwt")).disclosurePolicy(policy("rps-lei.json"))
                .disclosurePolicy(policy("bad-list-empty.json")).disclosurePolicy(policy("rps-other.json"));
        try (Verifier v = e2e().build()) {
            WrpException e = expectWrp(() -> v.audit(rq));
            equal(e.getStatus(), Status.MALFORMED, "status");
            equal(e.getStatusValue(), 3, "WRP_ERR_MALFORMED");
            equal(e.getWhere(), "disclosurePolicies[1]", "where: the second policy");
            equal(e.getDetail(), "relying_parties: the policy authorized_relying_parties needs a non-empty list",
                    "the library's reason");
            equal(e.getMessage(), "disclosurePolicies[1]: malformed input: " + e.getDetail(), "message");
            WrpException alone = expectWrp(() -> v.audit(new Request(vector("e2e/req/allow-basic.jwt"))
                    .disclosurePolicy(policy("bad-list-empty.json"))));
            equal(alone.getWhere(), "disclosurePolicies[0]", "where: the first policy");
            equal(alone.getDetail(), e.getDetail(), "the same reason");
            WrpException notJson = expectWrp(() -> v.audit(new Request(vector("e2e/req/allow-basic.jwt"))
                    .disclosurePolicy("not json".getBytes(StandardCharsets.US_ASCII))));
            equal(notJson.getStatus(), Status.MALFORMED, "not JSON");
            check(!notJson.getDetail().isEmpty() && !notJson.getDetail().equals(e.getDetail()),
                    "a reason of its own: " + notJson.getDetail());
            WrpException empty = expectWrp(() -> v.audit(new Request(vector("e2e/req/allow-basic.jwt"))
                    .disclosurePolicy(new byte[0])));
            equal(empty.getStatus(), Status.MALFORMED, "empty");
            check(!empty.getDetail().isEmpty(), "a reason for the empty policy");
            equal(v.audit(vector("e2e/req/allow-basic.jwt")).getVerdict(), Verdict.ALLOW, "the verifier still judges");
        }
    }

    private static void tooManyDisclosurePolicies() throws Exception {
        byte[] lei = policy("rps-lei.json"), other = policy("rps-other.json");
        Request most = new Request(vector("e2e/req/allow-basic.jwt"));
        for (int i = 0; i < 63; i++) {
            most.disclosurePolicy(lei);
        }
        most.disclosurePolicy(other);
        try (Verifier v = e2e().build()) {
            Result r = v.audit(most);
            equal(r.getVerdict(), Verdict.DENY, "64 policies are judged, the 64th too");
            check(r.getCodes().contains("DISCLOSURE_POLICY"), "codes: " + r.getCodes());
            most.disclosurePolicy(lei);
            WrpException e = expectWrp(() -> v.audit(most));
            equal(e.getStatus(), Status.LIMIT, "status");
            equal(e.getStatusValue(), 4, "WRP_ERR_LIMIT");
            equal(e.getWhere(), "disclosurePolicies[64]", "where: the 65th");
            equal(e.getDetail(), "more than 64 disclosure policies", "the library's reason");
            check(e.getMessage().startsWith("disclosurePolicies[64]: "), e.getMessage());
        }
    }

    private static void nullDisclosurePolicy() throws Exception {
        Request rq = new Request(vector("e2e/req/allow-basic.jwt"));
        try {
            rq.disclosurePolicy(null);
            throw new AssertionError("a null policy was taken");
        } catch (NullPointerException expected) {
            // refused at once, as the builder's inputs
        }
        try (Verifier v = e2e().build()) {
            equal(v.audit(rq).getVerdict(), Verdict.ALLOW, "nothing was added");
        }
    }

    // ---- consent data (SPEC.md 6b): the user's languages, and the registered alternatives ----

    private static final String DISPLAY_REQUEST = "e2e/req/display-first-tag.jwt";
    /** The purposes and service descriptions of display-first-tag.jwt's certificate, in its order. */
    private static final List<LocalizedText> PURPOSES = List.of(
            new LocalizedText("en", "Checking that the buyer is of age"),
            new LocalizedText("nl", "Controleren dat de koper meerderjarig is"),
            new LocalizedText("de-AT", "Altersnachweis des K\u00e4ufers"));
    private static final List<LocalizedText> DESCRIPTIONS = List.of(
            new LocalizedText("nl", "Webwinkel voor producten met een leeftijdsgrens"),
            new LocalizedText("en-GB", "Online shop for age-restricted goods"));
    /**
     * A language list, and the index of the purpose and of the service description the library's
     * lookup chooses for it (RFC 4647: each tag in order, then shortened at each '-' from the
     * right, case-insensitive; no hit at all: the first entry; never widened to a longer tag).
     */
    private static final Object[][] LOOKUPS = {
        {"fr,de-AT-x-shop,nl", 2, 0}, {"NL", 1, 0}, {"it", 0, 0}, {"en", 0, 0}, {"en-GB", 0, 1},
        {"EN-gb,nl", 0, 1}, {"de", 0, 0}, {"de-AT", 2, 0}, {"fr , nl", 1, 0}, {"en-US,nl", 0, 0},
    };
    private static final String[] REFUSED_LISTS = {"", " ", ",en", "en,", "en,,nl", "e1", "1a", "en-", "en--GB",
        "en-abcdefghi", "en;q=0.8", "*", "en_GB", "en nl"};
    private static final String TOO_MANY = "en,nl,en,nl,en,nl,en,nl,en,nl,en,nl,en,nl,en,nl,de"; // 17 tags

    private static Result displayAudit(String langs) throws IOException {
        try (Verifier v = e2e().build()) {
            return v.audit(new Request(vector(DISPLAY_REQUEST)).lang(langs));
        }
    }

    /** The CLI with the end-to-end configuration and these arguments after it. */
    private static Cli e2eCli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("audit", "--format", "json", "--ac-anchors",
                "testvectors/pki/ac-root.pem", "--crl", "testvectors/crl/current.pem", "--rc-anchors",
                "testvectors/rc/pki/rc-root.pem", "--status-list", "testvectors/rc/sl-valid.jwt", "--time",
                Long.toString(DEMO_TIME)));
        all.addAll(Arrays.asList(args));
        return runCli(all);
    }

    /** The JSON's display object of a Display. */
    private static Map<String, Object> displayJson(Display d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lang", d.getLang());
        m.put("purpose", d.getPurpose());
        m.put("srv_description", d.getServiceDescription());
        return m;
    }

    /**
     * Every display- case of testvectors/e2e/cases.tsv (the --lang cases), through the binding and
     * the CLI: the same JSON, and the display equal to the JSON's and to the relying party's lookups.
     */
    private static void addDisplayCases() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("testvectors/e2e/cases.tsv"), StandardCharsets.UTF_8);
        int added = 0;
        for (String line : lines) {
            String[] cols = line.split("\t");
            if (line.startsWith("#") || cols.length < 5 || !cols[0].startsWith("display-")) {
                continue;
            }
            List<String> cliArgs = Arrays.asList(cols[4].split(" +"));
            check(cliArgs.get(0).equals("audit") && cliArgs.contains("--lang"), "e2e case " + cols[0]);
            int exit = Integer.parseInt(cols[1]);
            TESTS.put("e2e_" + cols[0].replaceAll("[^A-Za-z0-9]+", "_"), () -> checkDisplayCase(exit, cliArgs));
            added++;
        }
        check(added >= 8, "the display cases of testvectors/e2e/cases.tsv read: " + added);
    }

    private static void checkDisplayCase(int exit, List<String> cliArgs) throws Exception {
        Cli cli = runCli(cliArgs);
        equal(cli.status, exit, "CLI exit status");
        List<String> args = new ArrayList<>();
        String lang = null;
        for (int i = 1; i < cliArgs.size(); i++) {
            if (cliArgs.get(i).equals("--format")) {
                i++;
            } else {
                lang = cliArgs.get(i - 1).equals("--lang") ? cliArgs.get(i) : lang;
                args.add(cliArgs.get(i));
            }
        }
        Result r = judge("audit", args);
        equal(r.toJson(), cli.out.replaceAll("\n$", ""), "JSON");
        Map<?, ?> j = (Map<?, ?>) Json.parse(cli.out);
        check(j.containsKey("display"), "a display member");
        if (j.get("display") == null) {
            equal(r.getDisplay(), null, "no display");
            equal(r.getRelyingParty(), null, "no verified relying party");
            return;
        }
        equal(displayJson(r.getDisplay()), j.get("display"), "display as the JSON");
        RelyingParty rp = r.getRelyingParty();
        LocalizedText p = rp.purposeFor(lang), d = rp.serviceDescriptionFor(lang);
        equal(r.getDisplay(), new Display(p.getLang(), p.getText(), d != null ? d.getText() : null),
              "display as the lookups for " + lang);
    }

    private static void displayIsTheLookupOfEach() throws Exception {
        Result r = displayAudit("fr,de-AT-x-shop,nl");
        equal(r.getVerdict(), Verdict.ALLOW, "verdict");
        Display d = r.getDisplay();
        equal(d, new Display("de-AT", PURPOSES.get(2).getText(), DESCRIPTIONS.get(0).getText()), "display");
        equal(displayJson(d), json(r).get("display"), "display as the JSON");
        List<?> keys = new ArrayList<>(json(r).keySet());
        equal(keys.indexOf("display"), keys.indexOf("access_certificate") + 1, "display after access_certificate");
        equal(r.getRelyingParty().getServiceDescription(), DESCRIPTIONS, "service descriptions");
        Cli cli = e2eCli("--lang", "fr,de-AT-x-shop,nl", "testvectors/" + DISPLAY_REQUEST);
        equal(cli.status, 0, "CLI exit status");
        equal(r.toJson(), cli.out.replaceAll("\n$", ""), "JSON as the CLI's");
        check(r.toString().contains(", display=" + d + ", findings=[]"), "result text: " + r);
    }

    private static void withoutLangNoDisplay() throws Exception {
        Result r = displayAudit(null);
        equal(r.getDisplay(), null, "no display");
        check(!json(r).containsKey("display"), "no display member: " + r.toJson());
        check(!r.toString().contains("display="), "no display in the text: " + r);
        differentValue(r, displayAudit("nl"), "results with and without languages");
        sameValue(r.getRelyingParty(), displayAudit("nl").getRelyingParty(), "the same relying party");
    }

    private static void unverifiedDisplay() throws Exception {
        Result r;
        try (Verifier v = e2e().build()) {
            r = v.audit(new Request(vector("e2e/req/rc-untrusted.jwt")).lang("nl"));
        }
        Map<?, ?> j = json(r);
        equal(r.getVerdict(), Verdict.DENY, "verdict");
        check(j.containsKey("display") && j.get("display") == null, "JSON display null: " + r.toJson());
        equal(r.getDisplay(), null, "display");
        equal(r.getRelyingParty(), null, "relying party");
        Cli cli = e2eCli("--lang", "nl", "testvectors/e2e/req/rc-untrusted.jwt");
        equal(r.toJson(), cli.out.replaceAll("\n$", ""), "JSON as the CLI's");
        LocalizedText first = r.getClaimedRelyingParty().purposeFor("xx");
        equal(first.getLang(), r.getClaimedRelyingParty().getPurpose().keySet().iterator().next(),
              "an unverified relying party looks up too: the first entry");
    }

    private static void lookupsAreTheLibrarys() throws Exception {
        RelyingParty rp = displayAudit(null).getRelyingParty();
        for (Object[] l : LOOKUPS) {
            String langs = (String) l[0];
            equal(rp.purposeFor(langs), PURPOSES.get((Integer) l[1]), "purpose for " + langs);
            equal(rp.serviceDescriptionFor(langs), DESCRIPTIONS.get((Integer) l[2]), "service description for " + langs);
        }
    }

    private static void lookupsAgreeWithTheDisplay() throws Exception {
        RelyingParty rp = displayAudit(null).getRelyingParty();
        for (Object[] l : LOOKUPS) {
            String langs = (String) l[0];
            Result r = displayAudit(langs);
            LocalizedText p = rp.purposeFor(langs), d = rp.serviceDescriptionFor(langs);
            equal(r.getDisplay(), new Display(p.getLang(), p.getText(), d.getText()), "display for " + langs);
            Cli cli = e2eCli("--lang", langs, "testvectors/" + DISPLAY_REQUEST);
            equal(cli.status, 0, "CLI exit status for " + langs);
            equal(displayJson(r.getDisplay()), ((Map<?, ?>) Json.parse(cli.out)).get("display"), "the CLI's display for " + langs);
            equal(r.toJson(), cli.out.replaceAll("\n$", ""), "JSON for " + langs);
        }
    }

    private static void refusedLangList() throws Exception {
        try (Verifier v = e2e().build()) {
            for (String bad : REFUSED_LISTS) {
                WrpException e = expectWrp(() -> v.audit(new Request(vector(DISPLAY_REQUEST)).lang(bad)));
                equal(e.getStatus(), Status.MALFORMED, "status for <" + bad + ">");
                equal(e.getWhere(), "lang", "where");
                check(!e.getDetail().isEmpty(), "the library's reason for <" + bad + ">");
                equal(e.getMessage(), "lang: malformed input: " + e.getDetail(), "message");
                equal(e2eCli("--lang", bad, "testvectors/" + DISPLAY_REQUEST).status, 64, "the CLI refuses <" + bad + ">");
            }
            WrpException e = expectWrp(() -> v.audit(new Request(vector(DISPLAY_REQUEST)).lang(TOO_MANY)));
            equal(e.getStatus(), Status.LIMIT, "17 tags");
            equal(e.getDetail(), "more than 16 language tags", "the library's reason");
            equal(expectWrp(() -> v.audit(new Request(vector(DISPLAY_REQUEST)).lang("en\0nl"))).getStatus(),
                  Status.ARG, "U+0000");
            equal(v.audit(new Request(vector(DISPLAY_REQUEST)).lang(TOO_MANY.substring(0, TOO_MANY.lastIndexOf(','))))
                  .getVerdict(), Verdict.ALLOW, "16 tags");
        }
    }

    private static void lookupRefusesLists() throws Exception {
        RelyingParty rp = displayAudit(null).getRelyingParty();
        for (String bad : REFUSED_LISTS) {
            for (boolean description : new boolean[] {false, true}) {
                WrpException e = expectWrp(() -> {
                    if (description) {
                        rp.serviceDescriptionFor(bad);
                    } else {
                        rp.purposeFor(bad);
                    }
                });
                equal(e.getStatus(), Status.MALFORMED, "status for <" + bad + ">");
                equal(e.getWhere(), "langs", "where");
                check(!e.getDetail().isEmpty(), "the library's reason for <" + bad + ">");
            }
        }
        WrpException e = expectWrp(() -> rp.purposeFor(TOO_MANY));
        equal(e.getStatus(), Status.LIMIT, "17 tags");
        equal(e.getDetail(), "more than 16 language tags", "the library's reason");
        try {
            rp.purposeFor(null);
            throw new AssertionError("a null list was looked up");
        } catch (NullPointerException expected) {
            // refused at once
        }
    }

    private static void lookupWithoutEntries() throws Exception {
        Result r;
        try (Verifier v = e2e().build()) {
            r = v.checkRegistration(vector("rc/malformed-srv-description-no-lang.jwt"), null, false);
        }
        RelyingParty rp = r.getClaimedRelyingParty();
        equal(rp.getServiceDescription(), List.of(), "no service description");
        equal(rp.serviceDescriptionFor("en"), null, "no entry to choose");
        Map.Entry<String, String> first = rp.getPurpose().entrySet().iterator().next();
        equal(rp.purposeFor("nl"), new LocalizedText(first.getKey(), first.getValue()), "the one purpose");
        equal(expectWrp(() -> rp.serviceDescriptionFor("en;q=1")).getStatus(), Status.MALFORMED,
              "no entries, but the list is checked");
    }

    private static void lookupsOutliveTheVerifier() throws Exception {
        Verifier v = e2e().build();
        RelyingParty rp = v.audit(vector(DISPLAY_REQUEST)).getRelyingParty();
        v.close();
        equal(rp.purposeFor("de-AT"), PURPOSES.get(2), "after the verifier was closed");
    }

    private static void nativeResultsFreed() throws Exception {
        byte[] request = vector(DISPLAY_REQUEST);
        List<RelyingParty> held = new ArrayList<>();
        try (Verifier v = e2e().build()) {
            v.audit("not a request".getBytes(StandardCharsets.US_ASCII)); // no relying party: nothing kept
            for (int i = 0; i < 50; i++) {
                held.add(v.audit(request).getRelyingParty());
                v.audit(request); // dropped at once
            }
        }
        check(NativeResult.kept() >= held.size(), "the held relying parties keep theirs: " + NativeResult.kept());
        for (int i = 0; i < 100 && NativeResult.kept() > held.size(); i++) {
            System.gc();
            Thread.sleep(20);
        }
        check(NativeResult.kept() <= held.size(), "the dropped results are freed: " + NativeResult.kept() + " kept");
        for (RelyingParty rp : held) {
            equal(rp.purposeFor("nl"), PURPOSES.get(1), "a held relying party still looks up");
        }
        held.clear();
        for (int i = 0; i < 100 && NativeResult.kept() > 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        check(NativeResult.kept() < 50, "the released relying parties' results are freed: " + NativeResult.kept() + " kept");
    }

    private static void lookupsOnManyThreads() throws Exception {
        RelyingParty rp = displayAudit(null).getRelyingParty();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int n = 0; n < 50; n++) {
                        for (Object[] l : LOOKUPS) {
                            if (!rp.purposeFor((String) l[0]).equals(PURPOSES.get((Integer) l[1]))
                                    || !rp.serviceDescriptionFor((String) l[0]).equals(DESCRIPTIONS.get((Integer) l[2]))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                check(f.get(), "the same choices on every thread");
            }
        } finally {
            pool.shutdown();
        }
    }

    /** The JSON's objects of options.claim_sets or credential_sets of a result's typed values. */
    private static List<Map<String, Object>> optionsJson(Result r, boolean credentialSets) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (credentialSets) {
            for (CredentialSetOption c : r.getCredentialSets()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("set", (long) c.getSet());
                m.put("option", (long) c.getOption());
                m.put("credential_ids", c.getCredentialIds());
                m.put("required", c.isRequired());
                m.put("registered", c.isRegistered());
                out.add(m);
            }
        } else {
            for (ClaimSetOption c : r.getClaimSets()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("credential_id", c.getCredentialId());
                m.put("option", (long) c.getOption());
                m.put("registered", c.isRegistered());
                out.add(m);
            }
        }
        return out;
    }

    private static void credentialSetOptions() throws Exception {
        Result r, alone;
        try (Verifier v = withRegister().build(); Verifier w = demo().build()) {
            r = v.audit(demoRequest());
            alone = w.audit(demoRequest());
        }
        equal(r.getVerdict(), Verdict.DENY, "verdict");
        equal(r.getCredentialSets(), List.of(
                new CredentialSetOption(0, 0, new String[] {"pid"}, true, false),
                new CredentialSetOption(0, 1, new String[] {"pid_mdoc"}, true, true)), "credential set options");
        Map<?, ?> options = member(json(r), "options");
        equal(optionsJson(r, true), options.get("credential_sets"), "credential sets as the JSON");
        equal(optionsJson(r, false), options.get("claim_sets"), "claim sets as the JSON");
        equal(r.getClaimSets(), List.of(), "no claim sets");
        List<List<String>> offer = new ArrayList<>();
        for (CredentialSetOption c : r.getCredentialSets()) {
            if (c.isRegistered()) {
                offer.add(c.getCredentialIds());
            }
        }
        equal(offer, List.of(List.of("pid_mdoc")), "the registered alternative a wallet can offer");
        equal(optionsJson(alone, true), member(json(alone), "options").get("credential_sets"), "within the certificate alone");
        check(alone.getCredentialSets().get(0).isRegistered() && alone.getCredentialSets().get(1).isRegistered(),
              "within the certificate alone both are registered");
        differentValue(r, alone, "results registered and not");
    }

    private static void claimSetOptions() throws Exception {
        Result r = e2eAudit("rule3-claim-sets-all-count.jwt");
        equal(r.getClaimSets(), List.of(new ClaimSetOption("pid", 0, true), new ClaimSetOption("pid", 1, false)),
              "claim set options");
        Map<?, ?> options = member(json(r), "options");
        equal(optionsJson(r, false), options.get("claim_sets"), "claim sets as the JSON");
        equal(optionsJson(r, true), options.get("credential_sets"), "credential sets as the JSON");
        Cli cli = e2eCli("testvectors/e2e/req/rule3-claim-sets-all-count.jwt");
        equal(r.toJson(), cli.out.replaceAll("\n$", ""), "JSON as the CLI's");
        check(r.toString().contains("claimSets=[ClaimSetOption{credentialId=pid, option=0, registered=true}, "
                + "ClaimSetOption{credentialId=pid, option=1, registered=false}]"), "result text: " + r);
        check(!r.toString().contains("credentialSets="), "no credential sets in the text: " + r);
    }

    private static void noAlternatives() throws Exception {
        Result mdoc, error;
        try (Verifier v = e2e().build()) {
            mdoc = v.audit(new Request(vector("e2e/req/mdoc-allow.cbor")).transcript(vector("e2e/transcript.cbor")));
            error = v.audit("not a request".getBytes(StandardCharsets.US_ASCII));
        }
        for (Result r : List.of(mdoc, error)) {
            equal(r.getClaimSets(), List.of(), "no claim sets");
            equal(r.getCredentialSets(), List.of(), "no credential sets");
        }
        equal(member(json(mdoc), "options"), Map.of("claim_sets", List.of(), "credential_sets", List.of()), "mdoc options");
    }

    private static void consentValues() throws Exception {
        Result a = displayAudit("fr,de-AT-x-shop,nl"), b = displayAudit("fr,de-AT-x-shop,nl");
        sameValue(a.getDisplay(), b.getDisplay(), "display");
        sameValue(a, b, "results with a display");
        differentValue(a.getDisplay(), displayAudit("nl").getDisplay(), "displays of other lists");
        equal(a.getDisplay().toString(), "Display{lang=de-AT, purpose=" + PURPOSES.get(2).getText()
              + ", serviceDescription=" + DESCRIPTIONS.get(0).getText() + "}", "display text");
        equal(new Display("nl", null, null).toString(), "Display{lang=nl}", "null members left out");
        Result c = e2eAudit("rule3-claim-sets-all-count.jwt"), d = e2eAudit("rule3-claim-sets-all-count.jwt");
        sameValue(c.getClaimSets().get(1), d.getClaimSets().get(1), "claim set option");
        differentValue(c.getClaimSets().get(0), c.getClaimSets().get(1), "two claim set options");
        Result e, f;
        try (Verifier v = withRegister().build()) {
            e = v.audit(demoRequest());
            f = v.audit(demoRequest());
        }
        sameValue(e.getCredentialSets().get(1), f.getCredentialSets().get(1), "credential set option");
        differentValue(e.getCredentialSets().get(0), e.getCredentialSets().get(1), "two credential set options");
        equal(e.getCredentialSets().get(1).toString(),
              "CredentialSetOption{set=0, option=1, credentialIds=[pid_mdoc], required=true, registered=true}",
              "credential set option text");
        try {
            e.getCredentialSets().get(1).getCredentialIds().add("x");
            throw new AssertionError("credential ids can be changed");
        } catch (UnsupportedOperationException expected) {
            // read-only
        }
        try {
            e.getClaimSets().add(null);
            throw new AssertionError("the alternatives can be changed");
        } catch (UnsupportedOperationException expected) {
            // read-only
        }
    }

    private static void claimPathsParse() {
        equal(ClaimPath.parse("[]"), List.of(), "empty");
        equal(ClaimPath.parse("[\"a\",0,null,\"\\u00e9\\\"\\\\\"]"), Arrays.asList("a", 0L, null, "\u00e9\"\\"), "mixed");
        equal(ClaimPath.parse(null), null, "none");
        for (String bad : new String[] {"", "[", "[1,]", "[\"a\"]x", "{}", "[-1]"}) {
            try {
                ClaimPath.parse(bad);
                throw new AssertionError("accepted " + bad);
            } catch (IllegalArgumentException expected) {
                // refused
            }
        }
    }

    private static void closedVerifier() throws Exception {
        Verifier v = demo().build();
        Result r = v.audit(demoRequest());
        v.close();
        v.close();
        try {
            v.audit(demoRequest());
            throw new AssertionError("audit after close");
        } catch (IllegalStateException expected) {
            // refused
        }
        equal(r.getVerdict(), Verdict.ALLOW, "result outlives its verifier");
        equal(r.getRelyingParty().getName(), "Example Shop", "name");
    }

    private static void manyThreads() throws Exception {
        byte[] request = demoRequest();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Verifier v = demo().register(vector("register/valid.jwt")).registerAnchors(vector("register/pki/reg-root.pem")).build()) {
            String want = v.audit(request).toJson();
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                results.add(pool.submit(() -> v.audit(request).toJson()));
            }
            for (Future<String> f : results) {
                equal(f.get(), want, "same judgement on every thread");
            }
        } finally {
            pool.shutdown();
        }
    }

    // ---- value classes: equals, hashCode, toString ----

    /** equals and hashCode agree, both ways, and a value equals itself but not null or another type. */
    private static void sameValue(Object a, Object b, String what) {
        check(a != b, what + ": two objects");
        equal(a, b, what);
        equal(b, a, what + " (symmetric)");
        equal(a.hashCode(), b.hashCode(), what + ": hash codes");
        equal(a.toString(), b.toString(), what + ": toString");
        check(a.equals(a), what + ": reflexive");
        check(!a.equals(null), what + ": not equal to null");
        check(!a.equals(a.toString()), what + ": not equal to its text");
    }

    private static void differentValue(Object a, Object b, String what) {
        check(!a.equals(b) && !b.equals(a), what + ": equal: " + a + " and " + b);
        check(!a.toString().equals(b.toString()), what + ": same text " + a);
    }

    private static Verifier.Builder withRegister() throws IOException {
        return demo().register(vector("register/valid.jwt")).registerAnchors(vector("register/pki/reg-root.pem"));
    }

    private static void sameRequestEqual() throws Exception {
        Result a, b, c;
        try (Verifier v = withRegister().build(); Verifier w = withRegister().build()) {
            a = v.audit(demoRequest());
            b = v.audit(demoRequest());
            c = w.audit(new Request(demoRequest()));
        }
        sameValue(a, b, "result, same verifier");
        sameValue(a, c, "result, another verifier");
        equal(a.getVerdict(), Verdict.DENY, "verdict");
        check(!a.getFindings().isEmpty() && a.getRequested().size() == 3, "findings and requested items");
        for (int i = 0; i < a.getFindings().size(); i++) {
            sameValue(a.getFindings().get(i), c.getFindings().get(i), "finding " + i);
        }
        for (int i = 0; i < a.getRequested().size(); i++) {
            sameValue(a.getRequested().get(i), c.getRequested().get(i), "requested " + i);
        }
        sameValue(a.getRelyingParty(), c.getRelyingParty(), "relying party");
        equal(new HashSet<>(List.of(a, b, c)).size(), 1, "one result in a set");
        equal(new HashSet<>(List.of(a.getRequested().get(0), c.getRequested().get(0))).size(), 1, "one item in a set");
    }

    private static void differentResultsDiffer() throws Exception {
        Result allow, deny, warn, expired, error;
        try (Verifier v = demo().build(); Verifier reg = withRegister().build();
             Verifier regWarn = withRegister().mode(Mode.WARN).build(); Verifier late = demo().time(1956528000L).build()) {
            allow = v.audit(demoRequest());
            deny = reg.audit(demoRequest());
            warn = regWarn.audit(demoRequest());
            expired = late.audit(demoRequest());
            error = v.audit("not a request".getBytes(StandardCharsets.US_ASCII));
        }
        List<Result> all = List.of(allow, deny, warn, expired, error);
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                differentValue(all.get(i), all.get(j), "results " + i + " and " + j);
            }
        }
        equal(new HashSet<>(all).size(), all.size(), "distinct results in a set");
        // the same finding but for its severity (enforce: error; warn mode: warning)
        Finding fd = deny.getFindings().get(0), fw = warn.getFindings().get(0);
        equal(fd.getCode(), fw.getCode(), "same code");
        equal(fd.getMessage(), fw.getMessage(), "same message");
        equal(fd.getPath(), fw.getPath(), "same path");
        differentValue(fd, fw, "findings of other severities");
        // the same item but for whether it is registered (certificate alone: yes; with the register: no)
        Requested ra = allow.getRequested().get(1), rd = deny.getRequested().get(1);
        equal(ra.getPath(), rd.getPath(), "same requested path");
        check(ra.isRegistered() && !rd.isRegistered(), "registered, then not");
        differentValue(ra, rd, "requested items registered and not");
        differentValue(allow.getRequested().get(0), allow.getRequested().get(1), "two requested paths");
        // the same certificate, verified and not
        RelyingParty verified = allow.getClaimedRelyingParty(), unverified = expired.getClaimedRelyingParty();
        equal(verified.getName(), unverified.getName(), "same name");
        check(verified.isVerified() && !unverified.isVerified(), "verified, then not");
        differentValue(verified, unverified, "relying parties verified and not");
    }

    private static void toStringShowsTheFields() throws Exception {
        Result warn, expired;
        try (Verifier v = withRegister().mode(Mode.WARN).build(); Verifier late = demo().time(1956528000L).build()) {
            warn = v.audit(demoRequest());
            expired = late.audit(demoRequest());
        }
        String f = warn.getFindings().get(0).toString();
        for (String want : new String[] {"Finding{code=OVERASK", "severity=warning", "message=credential query pid asks for",
                "credentialId=pid", "type=urn:eudi:pid:1", "path=[\"address\",\"country\"]", "source=register"}) {
            check(f.contains(want), "finding text lacks " + want + ": " + f);
        }
        String q = warn.getRequested().get(1).toString();
        equal(q, "Requested{credentialId=pid, format=dc+sd-jwt, type=urn:eudi:pid:1, path=[\"address\",\"country\"], "
                + "registered=false}", "requested text");
        String p = warn.getRelyingParty().toString();
        for (String want : new String[] {"RelyingParty{name=Example Shop", "identifier=LEIXG-529900T8BM49AURSDO55",
                "verified=true", "country=NL", "intendedUseId=iu-age-check-001",
                "purpose={en=Checking that the buyer is of age}", "privacyPolicy=https://shop.example.nl/privacy",
                "registryUri=https://register.example.nl/wrp/LEIXG-529900T8BM49AURSDO55"}) {
            check(p.contains(want), "relying party text lacks " + want + ": " + p);
        }
        check(!p.contains("null"), "fields that are null are left out: " + p);
        String r = warn.toString();
        check(r.startsWith("Result{verdict=warn, requestKind=openid4vp, relyingParty=" + p + ", accessCertificate="
                + warn.getAccessCertificate() + ", findings=[" + f),
                "result text: " + r);
        check(r.contains(q), "result text holds the requested items: " + r);
        String e = expired.toString();
        check(e.startsWith("Result{verdict=deny, requestKind=openid4vp, claimedRelyingParty=RelyingParty{name=Example Shop"),
                "an unverified relying party is the claimed one: " + e);
        check(e.contains("verified=false") && !e.contains(", relyingParty="), "shown as not verified: " + e);
        for (String code : expired.getCodes()) {
            check(e.contains("code=" + code), "result text lacks " + code + ": " + e);
        }
    }

    private static void toStringEscapes() throws Exception {
        String forged = "x509_san_dns:a\nverdict: allow\u001b[2J\u0085\u2028";
        try (Verifier v = demo().build()) {
            Result r = v.audit(new Request(demoRequest()).clientId(forged));
            Finding f = r.getFindings().get(0);
            check(f.getMessage().contains(forged), "the message quotes the client_id as given");
            for (String text : new String[] {f.toString(), r.toString()}) {
                check(text.contains("a\\u000averdict: allow\\u001b[2J\\u0085\\u2028"), "escaped: " + text);
                check(text.chars().noneMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028),
                        "no control character: " + text);
            }
        }
    }

    // ---- the jar ----

    private static Path jar() {
        String jar = System.getProperty("wrpcheck.jar");
        check(jar != null, "-Dwrpcheck.jar names the jar under test");
        return Paths.get(jar).toAbsolutePath().normalize();
    }

    private static Path origin(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
    }

    private static void bindingComesFromTheJar() throws Exception {
        Path jar = jar();
        for (Class<?> c : List.of(Verifier.class, Result.class, Native.class, ClaimPath.class, Wrpcheck.class)) {
            equal(origin(c), jar, c.getSimpleName() + " loaded from");
        }
        check(!origin(BindingTest.class).equals(jar), "the test is not in the jar");
        try (JarFile j = new JarFile(jar.toFile())) {
            Set<String> names = new HashSet<>();
            for (JarEntry e : java.util.Collections.list(j.entries())) {
                names.add(e.getName());
            }
            for (String c : new String[] {"Verifier", "Request", "Result", "Finding", "Requested", "RelyingParty",
                    "LocalizedText", "SupervisoryAuthority", "Intermediary", "AccessCertificate", "Display",
                    "ClaimSetOption", "CredentialSetOption", "NativeResult", "Verdict", "Severity", "Mode", "Kind",
                    "Status", "WrpException", "Wrpcheck", "Native", "ClaimPath"}) {
                check(names.contains("wrpcheck/" + c + ".class"), "jar holds " + c + ": " + names);
            }
            for (String n : names) {
                check(n.equals("META-INF/") || n.equals("META-INF/MANIFEST.MF") || n.equals("wrpcheck/")
                        || (n.startsWith("wrpcheck/") && n.endsWith(".class") && !n.startsWith("wrpcheck/BindingTest")),
                        "only the binding's classes in the jar: " + n);
            }
            Manifest m = j.getManifest();
            equal(m.getMainAttributes().getValue("Main-Class"), "wrpcheck.Wrpcheck", "Main-Class");
            equal(m.getMainAttributes().getValue("Implementation-Version"), Wrpcheck.libraryVersion(),
                    "Implementation-Version is the library's version");
        }
    }

    /** java -jar JAR with the given system properties: exit status and output (stdout and stderr). */
    private static Cli javaJar(String... properties) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(properties));
        cmd.add("-jar");
        cmd.add(jar().toString());
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Cli(p.waitFor(), out);
    }

    private static void javaJarLoadsTheGlue() throws Exception {
        String libraryPath = System.getProperty("java.library.path");
        Cli version = runCli(List.of("--version"));
        equal(version.status, 0, "wrpcheck --version");
        Cli byPath = javaJar("-Djava.library.path=" + libraryPath);
        equal(byPath.status, 0, "java -jar with java.library.path: " + byPath.out);
        equal(byPath.out, version.out, "the version line of wrpcheck --version");
        Path glue = null;
        for (String dir : libraryPath.split(java.io.File.pathSeparator)) {
            Path candidate = Paths.get(dir, System.mapLibraryName("wrpcheck_jni"));
            if (glue == null && Files.isRegularFile(candidate)) {
                glue = candidate.toAbsolutePath();
            }
        }
        check(glue != null, "the glue in java.library.path " + libraryPath);
        Path nowhere = ROOT.resolve("no-such-directory");
        Cli byProperty = javaJar("-Djava.library.path=" + nowhere, "-Dwrpcheck.jni.library=" + glue);
        equal(byProperty.status, 0, "java -jar with wrpcheck.jni.library: " + byProperty.out);
        equal(byProperty.out, version.out, "the same version line");
        Cli missing = javaJar("-Djava.library.path=" + nowhere);
        check(missing.status != 0, "no glue, no start");
        for (String want : new String[] {"UnsatisfiedLinkError", "libwrpcheck_jni.so", nowhere.toString(),
                "-Djava.library.path=DIR", "-Dwrpcheck.jni.library=FILE"}) {
            check(missing.out.contains(want), "the error says " + want + ": " + missing.out);
        }
    }

    // ---- a JSON reader, to compare the binding's values with the result's JSON ----

    /** Objects as LinkedHashMap (in order), arrays as List, integers as Long, other numbers as Double. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json j = new Json(text);
            Object v = j.value();
            j.space();
            if (j.i != text.length()) {
                throw new IllegalArgumentException("JSON: trailing text at " + j.i);
            }
            return v;
        }

        private void space() {
            while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
        }

        private void expect(char c) {
            space();
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("JSON: expected " + c + " at " + i);
            }
            i++;
        }

        private boolean next(char c) {
            space();
            if (i < s.length() && s.charAt(i) == c) {
                i++;
                return true;
            }
            return false;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw new IllegalArgumentException("JSON: unexpected end");
            }
            char c = s.charAt(i);
            if (c == '{') {
                i++;
                Map<String, Object> m = new LinkedHashMap<>();
                if (!next('}')) {
                    do {
                        space();
                        String k = string();
                        expect(':');
                        if (m.containsKey(k)) {
                            throw new IllegalArgumentException("JSON: duplicate member " + k);
                        }
                        m.put(k, value());
                    } while (next(','));
                    expect('}');
                }
                return m;
            }
            if (c == '[') {
                i++;
                List<Object> l = new ArrayList<>();
                if (!next(']')) {
                    do {
                        l.add(value());
                    } while (next(','));
                    expect(']');
                }
                return l;
            }
            if (c == '"') {
                return string();
            }
            for (String word : new String[] {"true", "false", "null"}) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word.equals("true"));
                }
            }
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            String n = s.substring(start, i);
            if (n.isEmpty()) {
                throw new IllegalArgumentException("JSON: unexpected " + c + " at " + start);
            }
            return n.matches("-?\\d+") ? (Object) Long.valueOf(n) : (Object) Double.valueOf(n);
        }

        private String string() {
            if (i >= s.length() || s.charAt(i) != '"') {
                throw new IllegalArgumentException("JSON: expected a string at " + i);
            }
            i++;
            StringBuilder b = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw new IllegalArgumentException("JSON: unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    case '"': case '\\': case '/': b.append(e); break;
                    default: throw new IllegalArgumentException("JSON: bad escape \\" + e);
                }
            }
        }
    }
}
