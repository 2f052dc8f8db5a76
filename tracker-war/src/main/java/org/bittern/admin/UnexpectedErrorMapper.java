package org.bittern.admin;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else: never a stack trace or the server's error page to the caller. A lost database connection (SQL
 * state class 08) is a 503 the caller may retry; every other failure is a 500 whose detail gives an id to find the
 * logged stack trace by.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                // Wrapped by an interceptor (e.g. a transaction's rollback) on its way out.
                return problem.problem().toResponse();
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                LOG.warning(() -> "Bittern admin API: PostgreSQL unreachable: " + sql.getMessage());
                return Problems.databaseUnreachable().toResponse();
            }
        }
        String id = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Bittern admin API: unexpected error " + id, e);
        return Problem.of(500, "internal-error", "Internal Server Error",
                "unexpected error; the server log has the details under id " + id).toResponse();
    }
}
