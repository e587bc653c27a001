// wrpcheck for Swift: a thin wrapper of libwrpcheck (module CWrpcheck, include/wrpcheck.h).
// Every judgement is the C library's; this file carries bytes in and copies results out.
// Written against the header; not compiled here (no Swift toolchain on the development machine,
// see README.md).

import CWrpcheck
import Foundation

/// What the wallet must do with a request.
public enum Verdict: String, Sendable {
    case allow, warn, deny, error

    init(_ c: wrp_verdict) {
        switch c {
        case WRP_VERDICT_ALLOW: self = .allow
        case WRP_VERDICT_WARN: self = .warn
        case WRP_VERDICT_DENY: self = .deny
        default: self = .error // a value this wrapper does not know: fail closed
        }
    }
}

public enum Severity: String, Sendable {
    case info, warning, error

    init(_ c: wrp_severity) {
        switch c {
        case WRP_SEV_INFO: self = .info
        case WRP_SEV_WARNING: self = .warning
        default: self = .error
        }
    }
}

/// Overasking policy: `.enforce` denies, `.warn` gives the verdict warn when overasking is all.
public enum Mode: Sendable {
    case enforce, warn
}

/// The kind of a request; `.auto` detects it from the bytes.
public enum RequestKind: Sendable {
    case auto, openid4vp, mdoc

    var c: wrp_request_kind {
        switch self {
        case .auto: return WRP_KIND_AUTO
        case .openid4vp: return WRP_KIND_OPENID4VP
        case .mdoc: return WRP_KIND_MDOC
        }
    }
}

/// A call that could not run. A deny is never an error: it is a `Result`.
public enum WrpcheckError: Error, CustomStringConvertible {
    /// The library's `wrp_status`, its description, the argument concerned and the library's reason.
    case library(status: Status, description: String, argument: String?, detail: String)
    /// The loaded libwrpcheck has another ABI version than this wrapper was written for.
    case abiMismatch(library: UInt32, wrapper: UInt32)
    /// A string holding U+0000, which a C string cannot carry.
    case stringWithNul(argument: String)

    public enum Status: UInt32, Sendable {
        case invalidArgument = 1, outOfMemory, malformed, limit, io, crypto, unsupported, internalError
    }

    public var description: String {
        switch self {
        case let .library(_, text, argument, detail):
            let what = detail.isEmpty ? text : "\(text): \(detail)"
            return argument.map { "\($0): \(what)" } ?? what
        case let .abiMismatch(library, wrapper):
            return "libwrpcheck has ABI version \(library); this wrapper needs \(wrapper)"
        case let .stringWithNul(argument):
            return "\(argument): a string holding U+0000"
        }
    }

    static func from(_ st: wrp_status, argument: String?, detail: String = "") -> WrpcheckError {
        .library(status: Status(rawValue: st.rawValue) ?? .internalError,
                 description: String(cString: wrp_status_str(st)), argument: argument, detail: detail)
    }
}

/// One element of a claims path: a member name, an array index, or null (any element).
public enum PathElement: Hashable, Sendable {
    case name(String)
    case index(Int)
    case any
}

public struct Finding: Sendable {
    /// The contract's name of the code ("OVERASK").
    public let code: String
    /// The numeric `wrp_code` (50 for OVERASK).
    public let codeValue: UInt32
    public let severity: Severity
    public let message: String
    public let credentialId: String?
    public let type: String?
    public let path: [PathElement]?
    /// "registration_certificate" or "register".
    public let source: String?
}

public struct Requested: Sendable {
    public let credentialId: String
    public let format: String
    /// nil for a format without types.
    public let type: String?
    /// Empty: the whole credential.
    public let path: [PathElement]
    /// true when every source checked (certificate, and register when given) registers it.
    public let registered: Bool
}

/// The supervisory authority (data protection authority) the relying party answers to, where a
/// person can complain about it: its email, phone and uri as the registration certificate names
/// them (nil when it does not), and every string member of the certificate's
/// `supervisory_authority` object.
public struct SupervisoryAuthority: Hashable, Sendable {
    public let email: String?
    public let phone: String?
    public let uri: String?
    /// Every string member, name to value.
    public let members: [String: String]
}

/// The intermediary that signs an intermediated request for the relying party it serves (which
/// `Result.relyingParty` describes).
public struct Intermediary: Hashable, Sendable {
    /// The intermediary's identifier (organizationIdentifier form, e.g. "LEIXG-...").
    public let identifier: String
    /// Its name: the registration certificate's, else the access certificate's commonName.
    public let name: String?
}

/// The access certificate a request carried (its leaf), verified or not.
public struct AccessCertificate: Hashable, Sendable {
    /// Distinguished names, RFC 4514.
    public let subject: String
    public let issuer: String
    /// Lowercase hex.
    public let serial: String
    /// Validity, RFC 3339 UTC ("2026-01-01T00:00:00Z"); nil when it cannot be converted.
    public let notBefore: String?
    public let notAfter: String?
    /// SHA-256 of the certificate's DER, base64url without padding.
    public let sha256: String
    /// true when its chain reached a trust anchor at the time and no AC_* finding was raised.
    public let verified: Bool
    /// Its subjectAltNames as TYPE:value ("DNS:rp.example.com", "URI:...", "email:...", "IP:...").
    public let subjectAltNames: [String]
}

/// One claim a registration certificate registers (verified or not), or a credential whose every
/// claim it registers.
public struct RegisteredClaim: Sendable {
    public let format: String
    /// The credential's types (vct_values, the doctype, type_values sets).
    public let types: [String]
    /// nil: every claim of those types.
    public let path: [PathElement]?
    /// The claim's `values` as JSON text; nil when it has none.
    public let values: String?
}

/// The relying party as its registration certificate describes it. Show it only when `verified`.
/// `purpose(for:)` and `serviceDescription(for:)` ask the library which text to show in the
/// user's languages; for them a relying party keeps the library's result it was read from (freed
/// with the last copy).
public struct RelyingParty: Sendable {
    public let name: String?
    public let identifier: String?
    public let verified: Bool
    public let country: String?
    public let intendedUseId: String?
    /// (language tag, text) in the certificate's order.
    public let purpose: [(language: String, text: String)]
    public let privacyPolicy: String?
    public let registryUri: String?
    public let infoUri: String?
    public let supportUri: String?
    /// The service description: (language tag, text) in the certificate's order.
    public let serviceDescription: [(language: String, text: String)]
    /// Whether the relying party is a public body; nil when the certificate does not say.
    public let publicBody: Bool?
    /// The certificate's entitlements (URIs or OIDs as written).
    public let entitlements: [String]
    /// The data protection authority a person can complain to; nil when the certificate names none.
    public let supervisoryAuthority: SupervisoryAuthority?
    /// The library's result this was read from, for the lookups.
    fileprivate let native: NativeResult

    /// The purpose to show a user whose languages are `languages` (BCP 47 tags, comma separated,
    /// most preferred first: "nl-BE,en"), as the library chooses it: RFC 4647 lookup, as
    /// `wrpcheck audit --lang` does (each tag, then the tag shortened at each "-" from the right,
    /// compared case-insensitively; no hit at all: the first entry; "en" never chooses "en-GB").
    /// nil when the certificate has no purpose. A list the library refuses throws
    /// `WrpcheckError.library` (`.malformed` or `.limit`, argument "langs", its reason).
    public func purpose(for languages: String) throws -> (language: String, text: String)? {
        try native.lookup(languages, serviceDescription: false)
    }

    /// The service description for `languages`, chosen as `purpose(for:)` chooses the purpose
    /// (each on its own: the two may be in different languages); nil when the certificate has none.
    public func serviceDescription(for languages: String) throws -> (language: String, text: String)? {
        try native.lookup(languages, serviceDescription: true)
    }
}

/// What a consent screen shows a user in their languages (`audit(lang:)`): the purpose and the
/// service description, each chosen on its own by the library's RFC 4647 lookup (as
/// `RelyingParty.purpose(for:)` and `serviceDescription(for:)` choose them), and the language tag
/// of the chosen purpose as the certificate writes it. A member is nil when the certificate has
/// no entry for it.
public struct Display: Hashable, Sendable {
    /// The language tag of the chosen purpose ("de-AT").
    public let lang: String?
    public let purpose: String?
    /// The chosen service description, which may be in another language than the purpose.
    public let serviceDescription: String?
}

/// One claim set of a credential query (DCQL `claim_sets`): an alternative the wallet may
/// disclose instead of another.
public struct ClaimSetOption: Hashable, Sendable {
    public let credentialId: String
    /// The index of the claim set in the query's `claim_sets`.
    public let option: Int
    /// true when every claim of the claim set is registered.
    public let registered: Bool
}

/// One option of a credential set (DCQL `credential_sets`); the registered one is the
/// alternative to offer instead of refusing.
public struct CredentialSetOption: Hashable, Sendable {
    /// The index of the credential set in the query's `credential_sets`.
    public let set: Int
    /// The index of the option in the set's `options`.
    public let option: Int
    /// The ids of the credential queries the option asks for, in its order.
    public let credentialIds: [String]
    /// The set's `required` (true when the query does not say).
    public let required: Bool
    /// true when every credential of the option can be presented within its registration.
    public let registered: Bool
}

/// A judgement, copied out of the library: it outlives the verifier that made it.
public struct Result: Sendable {
    public let verdict: Verdict
    /// "openid4vp" or "mdoc"; nil for a registration certificate checked on its own.
    public let requestKind: String?
    public let findings: [Finding]
    public let requested: [Requested]
    /// What the registration certificate says, verified or not; nil when none was read.
    public let claimedRelyingParty: RelyingParty?
    /// The intermediary that signed the request for the relying party it serves; nil when the
    /// request is not intermediated or the relying party is not verified.
    public let intermediary: Intermediary?
    /// The access certificate the request carried, verified or not; nil when it carried none.
    public let accessCertificate: AccessCertificate?
    /// false when there was no registration to compare the request with (no registration
    /// certificate read): then no item is registered, and none is overasked either.
    public let coverageChecked: Bool
    /// What the registration certificate registers, one entry per claim; empty when none was read.
    public let registered: [RegisteredClaim]
    /// The purpose and service description in the languages `audit(lang:)` gave; nil without
    /// them, and when the relying party is not verified (the JSON's display, absent or null).
    public let display: Display?
    /// Each claim set of each credential query, with whether it is registered (the JSON's
    /// `options.claim_sets`, in its order); empty without a DCQL query.
    public let claimSets: [ClaimSetOption]
    /// Each option of each credential set, with whether it is registered (the JSON's
    /// `options.credential_sets`, in its order).
    public let credentialSets: [CredentialSetOption]
    /// The library's JSON (the CLI contract's object), exactly as `wrpcheck --format json`.
    public let json: String
    /// The pre-disclosure part of the EUDI TS10 log record (wrp_result_log_json, SPEC.md 10a),
    /// exactly as `wrpcheck --format log`.
    public let logJSON: String

    /// The verified relying party, or nil (the JSON's relying_party).
    public var relyingParty: RelyingParty? {
        claimedRelyingParty.flatMap { $0.verified ? $0 : nil }
    }

    public var codes: [String] { findings.map(\.code) }
}

/// An immutable libwrpcheck verifier context; share it across threads freely. Freed with the
/// last reference.
public final class Verifier: @unchecked Sendable {
    /// `WRP_ABI_VERSION` of the header this wrapper was written against.
    public static let abiVersion: UInt32 = 1

    public struct Configuration: Sendable {
        public var acAnchors: [Data] = []
        public var rcAnchors: [Data] = []
        public var statusLists: [Data] = []
        public var crls: [Data] = []
        public var registers: [Data] = []
        public var registerAnchors: [Data] = []
        public var transactionDataTypes: [String] = []
        /// Unix seconds. nil: the clock is read once, by `Verifier.init`; a verifier keeps
        /// judging at the time it was built.
        public var time: Int64?
        public var revocation = true
        public var requireAcPolicy = false
        public var mode = Mode.enforce

        public init() {}
    }

    private let handle: OpaquePointer
    /// The verification time, Unix seconds.
    public let time: Int64

    public init(_ configuration: Configuration) throws {
        let abi = wrp_abi_version()
        guard abi == Verifier.abiVersion, abi == UInt32(WRP_ABI_VERSION) else {
            throw WrpcheckError.abiMismatch(library: abi, wrapper: Verifier.abiVersion)
        }
        guard let cfg = wrp_config_new() else {
            throw WrpcheckError.from(WRP_ERR_NOMEM, argument: "configuration")
        }
        defer { wrp_config_free(cfg) }
        let when = configuration.time ?? Int64(Date().timeIntervalSince1970)
        wrp_config_set_time(cfg, when)
        wrp_config_set_revocation(cfg, configuration.revocation ? 1 : 0)
        wrp_config_set_require_ac_policy(cfg, configuration.requireAcPolicy ? 1 : 0)
        wrp_config_set_mode(cfg, configuration.mode == .warn ? WRP_MODE_WARN : WRP_MODE_ENFORCE)
        for type in configuration.transactionDataTypes {
            try checkNoNul(type, "transactionDataTypes")
            try check(wrp_config_add_transaction_data_type(cfg, type), "transactionDataTypes")
        }
        let inputs: [(String, [Data], (OpaquePointer?, UnsafePointer<UInt8>?, Int) -> wrp_status)] = [
            ("acAnchors", configuration.acAnchors, wrp_config_add_ac_anchors),
            ("rcAnchors", configuration.rcAnchors, wrp_config_add_rc_anchors),
            ("statusLists", configuration.statusLists, wrp_config_add_status_list),
            ("crls", configuration.crls, wrp_config_add_crl),
            ("registers", configuration.registers, wrp_config_add_register),
            ("registerAnchors", configuration.registerAnchors, wrp_config_add_register_anchors),
        ]
        for (name, items, add) in inputs {
            for (i, item) in items.enumerated() {
                let st = item.withBytes { add(cfg, $0, $1) }
                if st != WRP_OK {
                    throw WrpcheckError.from(st, argument: "\(name)[\(i)]",
                                             detail: String(cString: wrp_config_last_error(cfg)))
                }
            }
        }
        var v: OpaquePointer?
        try check(wrp_verifier_new(cfg, &v), "verifier")
        guard let made = v else { throw WrpcheckError.from(WRP_ERR_INTERNAL, argument: "verifier") }
        handle = made
        time = when
    }

    deinit {
        wrp_verifier_free(handle)
    }

    /// Judges a request: an OpenID4VP Request Object, JSON request or DC API envelope, or an
    /// ISO 18013-5 DeviceRequest, with what the wallet knows besides its bytes.
    /// `disclosurePolicies`: the embedded disclosure policies (JSON, SPEC.md 8a) of the
    /// credentials the wallet holds, at most 64; a requested credential one does not authorize is
    /// the finding DISCLOSURE_POLICY. A policy the library refuses throws
    /// `WrpcheckError.library` with `argument` "disclosurePolicies[i]" (i from 0) and the
    /// library's reason as `detail` (status `.malformed`, or `.limit` beyond 64).
    /// `lang`: the user's languages, as `wrpcheck audit --lang` takes them (BCP 47 tags, comma
    /// separated, most preferred first: "nl-BE,en"; at most 16), which give the result its
    /// `display`; a list the library refuses throws `WrpcheckError.library` with `argument`
    /// "lang" and its reason (`.malformed`, or `.limit` beyond 16 tags).
    public func audit(_ request: Data, transcript: Data? = nil, clientId: String? = nil,
                      origin: String? = nil, registration: Data? = nil,
                      disclosurePolicies: [Data] = [], lang: String? = nil,
                      kind: RequestKind = .auto) throws -> Result {
        guard let rq = wrp_request_new() else {
            throw WrpcheckError.from(WRP_ERR_NOMEM, argument: "request")
        }
        defer { wrp_request_free(rq) }
        wrp_request_set_kind(rq, kind.c)
        if let clientId {
            try checkNoNul(clientId, "clientId")
            try check(wrp_request_set_client_id(rq, clientId), "clientId")
        }
        if let origin {
            try checkNoNul(origin, "origin")
            try check(wrp_request_set_origin(rq, origin), "origin")
        }
        if let transcript {
            try check(transcript.withBytes { wrp_request_set_transcript(rq, $0, $1) }, "transcript")
        }
        if let registration {
            try check(registration.withBytes { wrp_request_set_registration(rq, $0, $1) }, "registration")
        }
        for (i, policy) in disclosurePolicies.enumerated() {
            let st = policy.withBytes { wrp_request_add_disclosure_policy(rq, $0, $1) }
            if st != WRP_OK {
                throw WrpcheckError.from(st, argument: "disclosurePolicies[\(i)]",
                                         detail: String(cString: wrp_request_last_error(rq)))
            }
        }
        if let lang {
            try checkNoNul(lang, "lang")
            let st = wrp_request_set_lang(rq, lang)
            if st != WRP_OK {
                throw WrpcheckError.from(st, argument: "lang", detail: String(cString: wrp_request_last_error(rq)))
            }
        }
        var r: OpaquePointer?
        try check(request.withBytes { wrp_audit(handle, rq, $0, $1, &r) }, "request")
        return take(r, languages: lang)
    }

    /// Verifies a registration certificate on its own, bound to the access certificate chain
    /// (PEM leaf first, or DER) when given; `forRequest` also requires Service_Provider.
    public func checkRegistration(_ certificate: Data, acChain: Data? = nil,
                                  forRequest: Bool = false) throws -> Result {
        var r: OpaquePointer?
        let st = certificate.withBytes { rc, rcLen in
            (acChain ?? Data()).withBytes { chain, chainLen in
                wrp_check_registration(handle, rc, rcLen, acChain == nil ? nil : chain,
                                       acChain == nil ? 0 : chainLen, forRequest ? 1 : 0, &r)
            }
        }
        try check(st, "certificate")
        return take(r)
    }

    /// Every finding code the library knows, name to value (read from the library).
    public static var codes: [String: UInt32] {
        var out: [String: UInt32] = [:]
        for i in 0..<wrp_code_count() {
            let code = wrp_code_at(i)
            out[String(cString: wrp_code_str(code))] = code.rawValue
        }
        return out
    }

    public static var libraryVersion: String { String(cString: wrp_version()) }
}

// ---- helpers ----

private func check(_ st: wrp_status, _ argument: String) throws {
    if st != WRP_OK {
        throw WrpcheckError.from(st, argument: argument)
    }
}

private func checkNoNul(_ s: String, _ argument: String) throws {
    if s.utf8.contains(0) {
        throw WrpcheckError.stringWithNul(argument: argument)
    }
}

private extension Data {
    /// The bytes as the C API takes them: pointer (nil when empty) and length.
    func withBytes<T>(_ body: (UnsafePointer<UInt8>?, Int) -> T) -> T {
        withUnsafeBytes { raw in body(raw.bindMemory(to: UInt8.self).baseAddress, raw.count) }
    }
}

private func string(_ p: UnsafePointer<CChar>?) -> String? {
    p.map { String(cString: $0) }
}

/// A claims path from the library's JSON array text (strings, non-negative integers, null).
private func path(_ p: UnsafePointer<CChar>?) -> [PathElement]? {
    guard let p, let array = try? JSONSerialization.jsonObject(with: Data(String(cString: p).utf8)) as? [Any] else {
        return nil
    }
    return array.map { element in
        if let s = element as? String { return .name(s) }
        if let n = element as? NSNumber { return .index(n.intValue) }
        return .any
    }
}

/// A wrp_result, kept after everything was copied out of it for the lookups of the relying party
/// (the library's RFC 4647 lookup runs on the result that read the certificate); freed with the
/// last reference. A result never changes after it was made, so threads may look up at once.
final class NativeResult: @unchecked Sendable {
    let r: OpaquePointer?

    init(_ r: OpaquePointer?) {
        self.r = r
    }

    deinit {
        wrp_result_free(r)
    }

    /// The entry the library's lookup chooses among the purposes (or service descriptions); nil
    /// when there is none. The lookup gives no reason for a list it refuses: the list is checked
    /// as `wrp_request_set_lang` checks it, for the reason.
    func lookup(_ languages: String, serviceDescription: Bool) throws -> (language: String, text: String)? {
        try checkNoNul(languages, "langs")
        let i = serviceDescription ? wrp_result_rp_service_description_lookup(r, languages)
                                   : wrp_result_rp_purpose_lookup(r, languages)
        if i == notFound {
            guard let rq = wrp_request_new() else {
                throw WrpcheckError.from(WRP_ERR_NOMEM, argument: "langs")
            }
            defer { wrp_request_free(rq) }
            let st = wrp_request_set_lang(rq, languages)
            if st != WRP_OK {
                throw WrpcheckError.from(st, argument: "langs", detail: String(cString: wrp_request_last_error(rq)))
            }
            return nil
        }
        let lang = serviceDescription ? wrp_result_rp_service_description_lang(r, i) : wrp_result_rp_purpose_lang(r, i)
        let text = serviceDescription ? wrp_result_rp_service_description_text(r, i) : wrp_result_rp_purpose_text(r, i)
        return (language: string(lang) ?? "", text: string(text) ?? "")
    }
}

/// SIZE_MAX (no entry) as Swift imports a size_t, as an Int.
private let notFound = Int(bitPattern: UInt.max)

/// Copies everything out of a wrp_result; it is freed with the last relying party that keeps it
/// for its lookups, or at once. `languages`: the request's (its display).
private func take(_ r: OpaquePointer?, languages: String? = nil) -> Result {
    let native = NativeResult(r)
    // ARC may end an object's life after its last use: keep the result alive while it is read.
    return withExtendedLifetime(native) { copyResult(native, languages: languages) }
}

private func copyResult(_ native: NativeResult, languages: String?) -> Result {
    let r = native.r
    let findings = (0..<wrp_result_finding_count(r)).map { i -> Finding in
        let code = wrp_result_finding_code(r, i)
        return Finding(code: String(cString: wrp_code_str(code)), codeValue: code.rawValue,
                       severity: Severity(wrp_result_finding_severity(r, i)),
                       message: string(wrp_result_finding_message(r, i)) ?? "",
                       credentialId: string(wrp_result_finding_credential_id(r, i)),
                       type: string(wrp_result_finding_type(r, i)),
                       path: path(wrp_result_finding_path(r, i)),
                       source: string(wrp_result_finding_source(r, i)))
    }
    let requested = (0..<wrp_result_requested_count(r)).map { i in
        Requested(credentialId: string(wrp_result_requested_credential_id(r, i)) ?? "",
                  format: string(wrp_result_requested_format(r, i)) ?? "",
                  type: string(wrp_result_requested_type(r, i)),
                  path: path(wrp_result_requested_path(r, i)) ?? [],
                  registered: wrp_result_requested_registered(r, i) != 0)
    }
    let claimSets = (0..<wrp_result_claim_set_count(r)).map { i in
        ClaimSetOption(credentialId: string(wrp_result_claim_set_credential_id(r, i)) ?? "",
                       option: wrp_result_claim_set_option(r, i),
                       registered: wrp_result_claim_set_registered(r, i) != 0)
    }
    let credentialSets = (0..<wrp_result_credential_set_count(r)).map { i in
        CredentialSetOption(set: wrp_result_credential_set_set(r, i), option: wrp_result_credential_set_option(r, i),
                            credentialIds: (0..<wrp_result_credential_set_credential_count(r, i)).map {
                                string(wrp_result_credential_set_credential_id(r, i, $0)) ?? ""
                            },
                            required: wrp_result_credential_set_required(r, i) != 0,
                            registered: wrp_result_credential_set_registered(r, i) != 0)
    }
    let registered = (0..<wrp_result_registered_count(r)).map { i in
        RegisteredClaim(format: string(wrp_result_registered_format(r, i)) ?? "",
                        types: (0..<wrp_result_registered_type_count(r, i)).map {
                            string(wrp_result_registered_type(r, i, $0)) ?? ""
                        },
                        path: path(wrp_result_registered_path(r, i)),
                        values: string(wrp_result_registered_values(r, i)))
    }
    return Result(verdict: Verdict(wrp_result_verdict(r)), requestKind: string(wrp_result_request_kind(r)),
                  findings: findings, requested: requested, claimedRelyingParty: relyingParty(native),
                  intermediary: intermediary(r), accessCertificate: accessCertificate(r),
                  coverageChecked: wrp_result_coverage_checked(r) != 0, registered: registered,
                  display: display(r, languages: languages), claimSets: claimSets,
                  credentialSets: credentialSets, json: string(wrp_result_json(r)) ?? "",
                  logJSON: string(wrp_result_log_json(r)) ?? "")
}

/// The JSON's display: the library's lookups for the request's languages, when the relying
/// party is verified.
private func display(_ r: OpaquePointer?, languages: String?) -> Display? {
    guard let languages, wrp_result_rp_verified(r) != 0 else {
        return nil
    }
    let p = wrp_result_rp_purpose_lookup(r, languages), d = wrp_result_rp_service_description_lookup(r, languages)
    return Display(lang: string(wrp_result_rp_purpose_lang(r, p)), purpose: string(wrp_result_rp_purpose_text(r, p)),
                   serviceDescription: string(wrp_result_rp_service_description_text(r, d)))
}

private func relyingParty(_ native: NativeResult) -> RelyingParty? {
    let r = native.r
    let verified = wrp_result_rp_verified(r) != 0
    let name = string(wrp_result_rp_name(r)), identifier = string(wrp_result_rp_identifier(r))
    if !verified && name == nil && identifier == nil {
        return nil
    }
    let purpose = (0..<wrp_result_rp_purpose_count(r)).map { i in
        (language: string(wrp_result_rp_purpose_lang(r, i)) ?? "", text: string(wrp_result_rp_purpose_text(r, i)) ?? "")
    }
    let description = (0..<wrp_result_rp_service_description_count(r)).map { i in
        (language: string(wrp_result_rp_service_description_lang(r, i)) ?? "",
         text: string(wrp_result_rp_service_description_text(r, i)) ?? "")
    }
    let publicBody = wrp_result_rp_public_body(r)
    return RelyingParty(name: name, identifier: identifier, verified: verified,
                        country: string(wrp_result_rp_country(r)),
                        intendedUseId: string(wrp_result_rp_intended_use(r)), purpose: purpose,
                        privacyPolicy: string(wrp_result_rp_privacy_policy(r)),
                        registryUri: string(wrp_result_rp_registry_uri(r)),
                        infoUri: string(wrp_result_rp_info_uri(r)),
                        supportUri: string(wrp_result_rp_support_uri(r)),
                        serviceDescription: description,
                        publicBody: publicBody < 0 ? nil : publicBody == 1,
                        entitlements: (0..<wrp_result_rp_entitlement_count(r)).map {
                            string(wrp_result_rp_entitlement(r, $0)) ?? ""
                        },
                        supervisoryAuthority: supervisoryAuthority(r), native: native)
}

private func supervisoryAuthority(_ r: OpaquePointer?) -> SupervisoryAuthority? {
    let count = wrp_result_rp_supervisory_authority_count(r)
    if count == 0 {
        return nil
    }
    var members: [String: String] = [:]
    for i in 0..<count {
        members[string(wrp_result_rp_supervisory_authority_key(r, i)) ?? ""] =
            string(wrp_result_rp_supervisory_authority_value(r, i)) ?? ""
    }
    return SupervisoryAuthority(email: string(wrp_result_rp_supervisory_authority(r, "email")),
                                phone: string(wrp_result_rp_supervisory_authority(r, "phone")),
                                uri: string(wrp_result_rp_supervisory_authority(r, "uri")),
                                members: members)
}

private func intermediary(_ r: OpaquePointer?) -> Intermediary? {
    guard let identifier = string(wrp_result_intermediary_identifier(r)) else {
        return nil
    }
    return Intermediary(identifier: identifier, name: string(wrp_result_intermediary_name(r)))
}

private func accessCertificate(_ r: OpaquePointer?) -> AccessCertificate? {
    guard let sha256 = string(wrp_result_ac_sha256(r)) else {
        return nil
    }
    return AccessCertificate(subject: string(wrp_result_ac_subject(r)) ?? "",
                             issuer: string(wrp_result_ac_issuer(r)) ?? "",
                             serial: string(wrp_result_ac_serial(r)) ?? "",
                             notBefore: string(wrp_result_ac_not_before(r)),
                             notAfter: string(wrp_result_ac_not_after(r)),
                             sha256: sha256, verified: wrp_result_ac_verified(r) != 0,
                             subjectAltNames: (0..<wrp_result_ac_san_count(r)).map {
                                 string(wrp_result_ac_san(r, $0)) ?? ""
                             })
}
