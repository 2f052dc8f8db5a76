package org.bittern.udp;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;

class EpollSidecarTest extends SidecarContract {
    @BeforeAll
    static void start() throws IOException {
        start(UdpConfig.TRANSPORT_EPOLL);
    }
}
