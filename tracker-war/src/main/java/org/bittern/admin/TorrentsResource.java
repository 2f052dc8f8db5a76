package org.bittern.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.bittern.admin.torrent.BencodeException;
import org.bittern.admin.torrent.Metainfo;
import org.bittern.bittorrent.InfoHash;
import org.bittern.lists.ListKind;

/**
 * {@code /api/v1/torrents}: the allow and deny lists (README, "Admin API"). Every answer is JSON, written here as
 * text so no JSON provider of the server is needed; every error a problem (RFC 9457). Access is checked before this
 * by {@link AdminAccessFilter}.
 */
@Path("/v1/torrents")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class TorrentsResource {

    public static final String BITTORRENT = "application/x-bittorrent";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @Inject
    ListedTorrents torrents;

    @Inject
    BulkImport bulkImport;

    @Inject
    AdminConfig config;

    @Context
    UriInfo uri;

    /** 201 and Location when listed now, 200 when already on that list, 409 when on the other one. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(InputStream body) throws IOException {
        String json = new String(BoundedInputStream.readAll(body, AdminConfig.MAX_JSON_BYTES, null),
                StandardCharsets.UTF_8);
        return added(NewTorrent.parse(json));
    }

    @GET
    public String page(@QueryParam("offset") String offset, @QueryParam("limit") String limit) {
        int from = number("offset", offset, 0, 0, Integer.MAX_VALUE);
        int count = number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        return TorrentJson.page(torrents.count(), from, count, torrents.page(from, count)).toString();
    }

    @GET
    @Path("{infoHash}")
    public String get(@PathParam("infoHash") String hex) {
        InfoHash hash = NewTorrent.infoHash("infoHash in the path", hex);
        return torrents.find(hash).map(t -> TorrentJson.item(t).toString())
                .orElseThrow(() -> Problems.notListed(hash.toHex()).exception());
    }

    @DELETE
    @Path("{infoHash}")
    public Response delete(@PathParam("infoHash") String hex) {
        InfoHash hash = NewTorrent.infoHash("infoHash in the path", hex);
        if (!torrents.delete(hash)) {
            throw Problems.notListed(hash.toHex()).exception();
        }
        return Response.noContent().build();
    }

    /** A text body, one hex info_hash per line; all lines are listed or, if any is invalid, none. */
    @POST
    @Path("import")
    @Consumes(MediaType.TEXT_PLAIN)
    public String importLines(InputStream body, @QueryParam("list") String list, @QueryParam("name") String name)
            throws IOException, SQLException {
        ListKind kind = list(list);
        String checkedName = name(name);
        return bulkImport.importLines(new BoundedInputStream(body, config.maxImportBytes(),
                AdminConfig.MAX_IMPORT_BYTES), kind, checkedName).toJson().toString();
    }

    /** A .torrent file: its v1 info_hash is listed, named after {@code info.name} unless {@code name} is given. */
    @POST
    @Path("import")
    @Consumes(BITTORRENT)
    public Response importTorrent(InputStream body, @QueryParam("list") String list, @QueryParam("name") String name)
            throws IOException {
        ListKind kind = list(list);
        String checkedName = name(name);
        byte[] file = BoundedInputStream.readAll(body, AdminConfig.MAX_TORRENT_BYTES, null);
        if (file.length == 0) {
            throw Problems.badRequest("empty body; expected a .torrent file").exception();
        }
        Metainfo torrent;
        try {
            torrent = Metainfo.parse(file);
        } catch (BencodeException e) {
            throw Problems.badRequest("malformed .torrent: " + e.getMessage()).exception();
        }
        String listedName = checkedName != null ? checkedName : torrent.name();
        if (listedName.length() > NewTorrent.MAX_NAME) {
            throw Problems.badRequest("info.name is longer than " + NewTorrent.MAX_NAME
                    + " characters; give a shorter one as ?name=").exception();
        }
        return added(new NewTorrent(torrent.infoHash(), listedName, kind));
    }

    private Response added(NewTorrent torrent) {
        ListedTorrents.Added result;
        try {
            result = torrents.add(torrent);
        } catch (RuntimeException e) {
            if (!ListedTorrents.lostRace(e)) {
                throw e;
            }
            // Another call listed the same hash between the look-up and the insert: its row now answers, as a repeat.
            result = torrents.add(torrent);
        }
        String hex = torrent.infoHash().toHex();
        return switch (result.outcome()) {
            case CREATED -> {
                URI location = uri.getBaseUriBuilder().path(TorrentsResource.class).path(hex).build();
                yield Response.created(location).entity(TorrentJson.item(result.row()).toString())
                        .type(MediaType.APPLICATION_JSON).build();
            }
            case ALREADY_LISTED -> Response.ok(TorrentJson.item(result.row()).toString(), MediaType.APPLICATION_JSON)
                    .build();
            case ON_OTHER_LIST -> throw Problem.of(409, "on-other-list", "Conflict", "info_hash " + hex
                    + " is already on the " + result.row().list().sql() + " list; DELETE /api/v1/torrents/" + hex
                    + " first to move it").exception();
        };
    }

    private static ListKind list(String value) {
        return value == null || value.isEmpty() ? ListKind.ALLOW : NewTorrent.listKind("list", value);
    }

    private static String name(String value) {
        if (value != null && value.length() > NewTorrent.MAX_NAME) {
            throw Problems.badRequest("name is longer than " + NewTorrent.MAX_NAME + " characters").exception();
        }
        return value == null || value.isEmpty() ? null : value;
    }

    static int number(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw Problems.badRequest(field + " must be a whole number from " + min + " to " + max + ", got \""
                + NewTorrent.shorten(value) + "\"").exception();
    }
}
