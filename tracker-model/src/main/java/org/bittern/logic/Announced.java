package org.bittern.logic;

import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.AnnounceResponse;

/** Post-hook event: an announce was answered. Observe with {@code @ObservesAsync}. */
public record Announced(AnnounceRequest request, AnnounceResponse response) {
}
