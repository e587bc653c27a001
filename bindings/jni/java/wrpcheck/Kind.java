package wrpcheck;

/** wrp_request_kind: AUTO detects the kind of a request from its bytes. */
public enum Kind {
    AUTO(0), OPENID4VP(1), MDOC(2);

    final int value;

    Kind(int value) {
        this.value = value;
    }
}
