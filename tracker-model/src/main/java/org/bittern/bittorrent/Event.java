package org.bittern.bittorrent;

/** The announce {@code event} (BEP 3); {@link #NONE} is a regular interval announce. */
public enum Event {
    NONE,
    COMPLETED,
    STARTED,
    STOPPED;

    /** BEP 15 numbering: 0 none, 1 completed, 2 started, 3 stopped. */
    public static Event ofUdpCode(int code) {
        return switch (code) {
            case 0 -> NONE;
            case 1 -> COMPLETED;
            case 2 -> STARTED;
            case 3 -> STOPPED;
            default -> throw new ClientError("invalid event");
        };
    }
}
