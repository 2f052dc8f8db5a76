package org.bittern.logic;

import org.bittern.bittorrent.ScrapeRequest;
import org.bittern.bittorrent.ScrapeResponse;

/** Post-hook event: a scrape was answered. Observe with {@code @ObservesAsync}. */
public record Scraped(ScrapeRequest request, ScrapeResponse response) {
}
