package org.bittern.metrics;

/** What a request asked for; a static metric label. */
public enum Action {
    ANNOUNCE("announce"),
    SCRAPE("scrape");

    private final String label;

    Action(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
