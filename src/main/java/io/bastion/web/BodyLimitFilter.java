package io.bastion.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@link #BODY_BYTES_MAX}: at once when Content-Length says so, and while
 * reading when the body is chunked.
 */
final class BodyLimitFilter extends OncePerRequestFilter {

    static final long BODY_BYTES_MAX = 1024 * 1024;
    /** A full ledger batch (8,190 transfers) needs more than 1 MiB of JSON; only that endpoint gets more. */
    static final long LEDGER_BATCH_BODY_BYTES_MAX = 4L * 1024 * 1024;
    static final String LEDGER_BATCH_PATH = "/v1/ledger/transfers";

    private final Problems problems;

    BodyLimitFilter(Problems problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request);
        if (request.getContentLengthLong() > limit) {
            problems.write(response, problems.of(ProblemType.BODY_TOO_LARGE, "The request body exceeds "
                    + (limit / (1024 * 1024)) + " MiB."), Map.of("Connection", "close"));
            return;
        }
        chain.doFilter(new LimitedRequest(request, limit), response);
    }

    /** The body limit of a request's endpoint. */
    static long limitFor(HttpServletRequest request) {
        return LEDGER_BATCH_PATH.equals(request.getRequestURI()) ? LEDGER_BATCH_BODY_BYTES_MAX : BODY_BYTES_MAX;
    }

    /** True when the exception (or a cause) was raised because a body went over the limit. */
    static boolean exceeded(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("request body exceeds " + limit + " bytes");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedStream(super.getInputStream(), limit);
            }
            return limited;
        }
    }

    private static final class LimitedStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
