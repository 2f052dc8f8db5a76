package org.bittern.lists;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import org.bittern.bittorrent.AnnounceRequest;
import org.bittern.bittorrent.ClientError;
import org.bittern.logic.TrackerHooks;
import org.bittern.logic.TrackerMiddleware;

/**
 * {@code tracker.lists.mode} (design §6): refuses announces of torrents that the lists do not approve with
 * {@value TorrentApproval#REFUSAL}. Scrapes pass: they reveal no peers.
 *
 * <p>Early in the chain: a refusal is the cheapest answer, and later middleware should not spend work on it.
 */
@TrackerHooks
@Interceptor
@Priority(TrackerHooks.PRIORITY_BASE + 100)
public class TorrentApprovalMiddleware extends TrackerMiddleware {

    private final TorrentLists lists;
    private final boolean enabled;

    @Inject
    public TorrentApprovalMiddleware(TorrentLists lists) {
        this.lists = lists;
        this.enabled = lists.mode() != ListsMode.OFF;
    }

    @Override
    protected boolean enabled() {
        return enabled;
    }

    @Override
    protected AnnounceRequest beforeAnnounce(AnnounceRequest request) {
        if (!lists.approved(request.infoHash())) {
            throw new ClientError(TorrentApproval.REFUSAL);
        }
        return request;
    }
}
