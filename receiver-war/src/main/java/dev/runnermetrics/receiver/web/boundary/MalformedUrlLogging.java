package dev.runnermetrics.receiver.web.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps a URL with a malformed percent-encoding ({@code /api/v1/%zz}) from writing a SEVERE stack
 * trace per request: Grizzly fails to decode it before any servlet filter runs, and Payara's web
 * container logs that failure on {@value #WEB_CORE}. This filter on that logger turns each such
 * record into one FINE line of ours and lets every other record through unchanged.
 */
@WebListener
public class MalformedUrlLogging implements ServletContextListener {

  /** The logger Payara's {@code CoyoteAdapter} reports request failures on. */
  static final String WEB_CORE = "jakarta.enterprise.web.core";

  private static final Logger LOG = Logger.getLogger(MalformedUrlLogging.class.getName());

  private Logger webCore;
  private Filter previous;
  private Filter installed;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    webCore = Logger.getLogger(WEB_CORE);
    previous = webCore.getFilter();
    installed = new OneLine(previous);
    webCore.setFilter(installed);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    if (webCore != null && webCore.getFilter() == installed) {
      webCore.setFilter(previous);
    }
  }

  /**
   * Whether {@code thrown} is Grizzly's refusal of a bad {@code %} escape in a request URI: an
   * IllegalArgumentException for {@code %zz}, an IllegalStateException for a {@code %} at the end.
   */
  static boolean isMalformedUrl(Throwable thrown) {
    if (!(thrown instanceof IllegalArgumentException || thrown instanceof IllegalStateException)) {
      return false;
    }
    StackTraceElement[] stack = thrown.getStackTrace();
    return stack.length > 0
        && stack[0].getClassName().equals("org.glassfish.grizzly.http.util.URLDecoder");
  }

  /** Drops malformed-URL records after one FINE line; asks the earlier filter about the rest. */
  static final class OneLine implements Filter {

    private final Filter previous;

    OneLine(Filter previous) {
      this.previous = previous;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
      if (isMalformedUrl(record.getThrown())) {
        LOG.fine("refused a request whose URL has a malformed percent-encoding");
        return false;
      }
      return previous == null || previous.isLoggable(record);
    }
  }
}
