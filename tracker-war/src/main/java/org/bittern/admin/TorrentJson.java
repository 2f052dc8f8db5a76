package org.bittern.admin;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import org.bittern.persistence.ListedTorrent;

/** The JSON the admin API answers with. Built with JSON-P, which every Jakarta EE server has. */
final class TorrentJson {
    private TorrentJson() {
    }

    static JsonObject item(ListedTorrent t) {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("infoHash", t.infoHash().toHex())
                .add("list", t.list().sql());
        if (t.name() == null) {
            json.addNull("name");
        } else {
            json.add("name", t.name());
        }
        return json.add("createdBy", t.createdBy())
                .add("createdAt", t.createdAt().toString())
                .build();
    }

    static JsonObject page(long total, int offset, int limit, List<ListedTorrent> items) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        items.forEach(t -> array.add(item(t)));
        return Json.createObjectBuilder()
                .add("total", total)
                .add("offset", offset)
                .add("limit", limit)
                .add("items", array)
                .build();
    }
}
