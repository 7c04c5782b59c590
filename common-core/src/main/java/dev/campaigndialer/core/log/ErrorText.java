package dev.campaigndialer.core.log;

import java.sql.SQLException;

/**
 * How an exception appears in a log line. A database exception's text carries personal data: Jdbi
 * appends the statement's bound arguments (owner ids, names, attribute JSON) to its message, and
 * PostgreSQL's detail repeats row values ("Key (phone_e164)=(...) already exists", "Failing row
 * contains (...)"). So where a chain holds an {@link SQLException}, the log gets its SQLState and
 * the first line of its message (at most 200 characters), and the other exceptions of the chain
 * only their class; the stack frames stay. Any other message is cut to its first 200 characters.
 */
final class ErrorText {

    static final int MAX_MESSAGE = 200;

    private ErrorText() {
    }

    /** One line: the exception's class and short message, e.g. "...StatementException [SQLState 23505]: ERROR: ...". */
    static String summary(Throwable error) {
        SQLException sql = firstSqlException(error);
        if (sql == null) {
            return describe(error, false);
        }
        return error.getClass().getName() + sqlSummary(sql);
    }

    /** The stack trace with every message rendered as {@link #summary} would. */
    static String stackTrace(Throwable error) {
        boolean database = firstSqlException(error) != null;
        var trace = new StringBuilder();
        Throwable current = error;
        for (int depth = 0; current != null && depth < 20; depth++) {
            trace.append(depth == 0 ? "" : "Caused by: ").append(describe(current, database)).append('\n');
            for (StackTraceElement frame : current.getStackTrace()) {
                trace.append("\tat ").append(frame).append('\n');
            }
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return trace.toString();
    }

    private static String describe(Throwable error, boolean databaseChain) {
        if (error instanceof SQLException sql) {
            return error.getClass().getName() + sqlSummary(sql);
        }
        if (databaseChain || error.getMessage() == null) {
            return error.getClass().getName();
        }
        return error.getClass().getName() + ": " + firstLine(error.getMessage());
    }

    private static String sqlSummary(SQLException sql) {
        String message = sql.getMessage() == null ? "" : ": " + firstLine(sql.getMessage());
        return " [SQLState " + sql.getSQLState() + "]" + message;
    }

    private static SQLException firstSqlException(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "\u2026";
    }
}
