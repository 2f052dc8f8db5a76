package org.bittern.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Fires a request's post-hooks once JAX-RS has written its body, so the client's answer never waits for
 * them (design §2). Resources register the hook with {@link #runAfterWrite}.
 */
@Provider
public class PostHookWriterInterceptor implements WriterInterceptor {

    private static final Logger LOG = Logger.getLogger(PostHookWriterInterceptor.class.getName());
    private static final String AFTER_WRITE = PostHookWriterInterceptor.class.getName() + ".afterWrite";

    static void runAfterWrite(HttpServletRequest request, Runnable hook) {
        request.setAttribute(AFTER_WRITE, hook);
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        context.proceed();
        if (context.getProperty(AFTER_WRITE) instanceof Runnable hook) {
            try {
                hook.run();
            } catch (RuntimeException e) {
                // The client has its answer; a failing post-hook must not turn it into an error.
                LOG.log(Level.WARNING, "post-hook failed", e);
            }
        }
    }
}
