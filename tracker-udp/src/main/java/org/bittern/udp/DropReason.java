package org.bittern.udp;

/** Why a datagram got no answer at all; a static metric label. */
public enum DropReason {
    /** Under the 16-byte header every request has (BEP 15): nothing to answer to. */
    TOO_SHORT("too_short"),
    /** A connect without the protocol magic: not a BEP 15 client, and answering would make us a reflector. */
    BAD_MAGIC("bad_magic"),
    /** An answer the socket could not take because earlier answers still wait to be sent. */
    OVERLOAD("overload");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
