package org.bittern.store;

/** Size figures of a store, for metrics: non-empty swarms and peers by role, over both address families. */
public record StoreStats(long swarms, long seeders, long leechers) {
}
