package org.bittern.udp;

/** Datagrams answered with an error packet before reaching the tracker; a static metric label. */
public enum RejectReason {
    BAD_CONNECTION_ID("bad_connection_id"),
    UNKNOWN_ACTION("unknown_action");

    private final String label;

    RejectReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
