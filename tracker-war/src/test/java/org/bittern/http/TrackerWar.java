package org.bittern.http;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The packaged {@code target/tracker.war}, as the integration tests deploy it: the real artifact, unchanged. */
public final class TrackerWar {
    private TrackerWar() {
    }

    public static WebArchive packaged() {
        File war = new File(System.getProperty("tracker.war", "target/tracker.war"));
        return ShrinkWrap.create(ZipImporter.class, "tracker.war").importFrom(war).as(WebArchive.class);
    }
}
