package org.bittern.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.bittern.bittorrent.InfoHash;
import org.bittern.lists.ListKind;
import org.bittern.persistence.TrackerDataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Lists every info_hash of a text body (one per line) in one transaction: all or nothing. Lines are read as they
 * arrive and inserted in batches of {@link #BATCH} with one multi-row {@code INSERT ... ON CONFLICT DO NOTHING}, so a
 * body of millions of lines needs a fixed amount of memory. At the first invalid line inserting stops; the rest is
 * still read so the answer names every problem (the first {@value ImportSummary#MAX_REPORTED}), then everything is
 * rolled back. A batch over 1000 rows makes the table's trigger send one "reload" notification instead of one per row.
 */
@ApplicationScoped
public class BulkImport {

    /** Rows per INSERT: under PostgreSQL's 65535 bind parameters, and over the trigger's 1000-row threshold. */
    static final int BATCH = 5000;
    static final String CREATED_BY = ListedTorrents.CREATED_BY;

    private static final Logger LOG = Logger.getLogger(BulkImport.class.getName());

    /**
     * @throws ProblemException 400 (with {@code invalid} and {@code invalidLines}) if a line is invalid or there is no
     *         hash at all; 413 from the stream if the body is too large. Nothing is written then.
     */
    // A checked exception does not roll a JTA transaction back by default: a client gone mid-upload (EOFException)
    // or a database failing mid-way would commit the batches already inserted.
    @Transactional(rollbackOn = {IOException.class, SQLException.class})
    public ImportSummary importLines(InputStream body, ListKind list, String name) throws IOException, SQLException {
        // Looked up per import rather than injected: the name is configuration (tracker.db.datasource).
        DataSource dataSource = TrackerDataSource.lookup(ConfigProvider.getConfig());
        long started = System.nanoTime();
        HashLines lines = new HashLines(body);
        List<InfoHash> batch = new ArrayList<>(BATCH);
        List<ImportSummary.InvalidLine> reported = new ArrayList<>();
        long valid = 0;
        long invalid = 0;
        long added = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement full = connection.prepareStatement(insert(BATCH))) {
            for (HashLines.Line line = lines.next(); line != null; line = lines.next()) {
                if (!line.valid()) {
                    invalid++;
                    if (reported.size() < ImportSummary.MAX_REPORTED) {
                        reported.add(new ImportSummary.InvalidLine(line.number(), line.problem()));
                    }
                    continue;
                }
                valid++;
                if (invalid == 0) {
                    batch.add(line.hash());
                    if (batch.size() == BATCH) {
                        added += insert(full, batch, list, name);
                    }
                }
            }
            if (invalid == 0 && !batch.isEmpty()) {
                try (PreparedStatement rest = connection.prepareStatement(insert(batch.size()))) {
                    added += insert(rest, batch, list, name);
                }
            }
        }
        if (invalid > 0) {
            ImportSummary.InvalidLine first = reported.get(0);
            throw Problem.of(400, "invalid-lines", "Bad Request", "line " + first.line() + ": " + first.problem()
                            + "; " + invalid + " invalid line(s) in all, nothing was written")
                    .with("invalid", Json.createValue(invalid))
                    .with("invalidLines", new ImportSummary(0, 0, invalid, reported).invalidLinesJson())
                    .exception();
        }
        if (valid == 0) {
            throw Problems.badRequest(lines.lineNumber() == 0 ? "empty body; expected one info_hash (40 hex) per line"
                    : "no info_hash in the body, only blank lines or # comments").exception();
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        long total = valid;
        long inserted = added;
        LOG.info(() -> "Bittern admin API: imported " + total + " line(s) to the " + list.sql() + " list, " + inserted
                + " new, in " + ms + " ms");
        return new ImportSummary(added, valid - added, 0, List.of());
    }

    private static int insert(PreparedStatement insert, List<InfoHash> batch, ListKind list, String name)
            throws SQLException {
        insert.setString(1, list.sql());
        insert.setString(2, name);
        insert.setString(3, CREATED_BY);
        for (int i = 0; i < batch.size(); i++) {
            insert.setBytes(4 + i, batch.get(i).toBytes());
        }
        batch.clear();
        return insert.executeUpdate();
    }

    /** One statement for {@code rows} hashes: {@code ON CONFLICT DO NOTHING} also absorbs repeats within it. */
    static String insert(int rows) {
        StringBuilder sql = new StringBuilder(64 + rows * 5)
                .append("INSERT INTO torrent_list (info_hash, list, name, created_by) SELECT v.h, ?, ?, ? FROM (VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(?::bytea)" : ",(?)");
        }
        return sql.append(") AS v(h) ON CONFLICT (info_hash) DO NOTHING").toString();
    }
}
