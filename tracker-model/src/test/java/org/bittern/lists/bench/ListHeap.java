package org.bittern.lists.bench;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.SplittableRandom;
import org.bittern.lists.InfoHashSet;

/**
 * Heap taken by a list snapshot of {@code entries} random info_hashes (issue 4: at most 64 MB for a million):
 * used heap after − before, both read after forced collections, built the way a full read from PostgreSQL builds
 * it (20-byte rows into a builder, in order). Not a test: a main, run by hand.
 * <pre>java -Xmx1g -cp "$CP" org.bittern.lists.bench.ListHeap [entries=1000000]</pre>
 */
public final class ListHeap {
    private ListHeap() {
    }

    public static void main(String[] args) throws InterruptedException {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        SplittableRandom random = new SplittableRandom(1);
        byte[] row = new byte[20];

        long before = usedHeapAfterGc();
        InfoHashSet.Builder b = InfoHashSet.builder(1024);
        for (int k = 0; k < entries; k++) {
            random.nextBytes(row);
            b.add(row, 0);
        }
        InfoHashSet set = b.build();
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(set);

        System.out.printf("entries=%,d heap used: before=%,d after=%,d delta=%,d bytes (%.1f MB, %.1f bytes/entry); "
                + "heapBytes()=%,d%n", set.size(), before, after, after - before, (after - before) / 1e6,
                (after - before) / (double) set.size(), set.heapBytes());
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
