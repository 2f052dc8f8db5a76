package org.bittern.middleware.clientapproval;

import java.util.Arrays;
import java.util.Locale;
import org.bittern.bittorrent.ClientError;
import org.bittern.bittorrent.PeerId;

/** The client-approval decision, container-free: is this peer_id's client allowed to announce? */
public final class ClientApproval {

    /** The refusal clients see (issue 5). */
    public static final String REFUSAL = "unapproved client";

    /** Not configured: every client is approved. */
    public static final ClientApproval OFF = new ClientApproval(null, new long[0]);

    private final ClientApprovalConfig.Mode mode;
    /** Sorted, for a binary search that allocates nothing per announce. */
    private final long[] listed;

    private ClientApproval(ClientApprovalConfig.Mode mode, long[] listed) {
        this.mode = mode;
        this.listed = listed;
    }

    public static ClientApproval of(ClientApprovalConfig config) {
        long[] ids = config.clients().stream().mapToLong(ClientId::bits).sorted().toArray();
        return new ClientApproval(config.mode(), ids);
    }

    public boolean enabled() {
        return mode != null;
    }

    public boolean approves(PeerId peerId) {
        if (mode == null) {
            return true;
        }
        boolean isListed = Arrays.binarySearch(listed, ClientId.bitsOf(peerId)) >= 0;
        return mode == ClientApprovalConfig.Mode.WHITELIST ? isListed : !isListed;
    }

    /** @throws ClientError {@value #REFUSAL} when the client is not approved */
    public void check(PeerId peerId) {
        if (!approves(peerId)) {
            throw new ClientError(REFUSAL);
        }
    }

    @Override
    public String toString() {
        if (mode == null) {
            return "client-approval off";
        }
        StringBuilder sb = new StringBuilder("client-approval ").append(mode.name().toLowerCase(Locale.ROOT))
                .append(" [");
        for (int i = 0; i < listed.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(new ClientId(listed[i]));
        }
        return sb.append(']').toString();
    }
}
