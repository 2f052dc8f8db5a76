package org.bittern.logic;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records which test middleware ran, in order, for {@link MiddlewareChainTest}. */
final class ChainRecorder {
    static final List<String> CALLS = new CopyOnWriteArrayList<>();

    private ChainRecorder() {
    }
}
