package dev.runnermetrics.receiver.web.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class MalformedUrlLoggingTest {

  private static LogRecord severe(Throwable thrown) {
    LogRecord record = new LogRecord(Level.SEVERE, "AS-WEB-CORE-00037");
    record.setThrown(thrown);
    return record;
  }

  private static RuntimeException thrownBy(String className) {
    return thrownBy(
        className,
        new IllegalArgumentException(
            "URLDecoder: Illegal hex characters in escape (%) pattern - %zz"));
  }

  private static RuntimeException thrownBy(String className, RuntimeException e) {
    e.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(className, "decode", "URLDecoder.java", 199),
          new StackTraceElement(
              "org.apache.catalina.connector.CoyoteAdapter",
              "postParseRequest",
              "CoyoteAdapter.java",
              426)
        });
    return e;
  }

  @Test
  void dropsGrizzlysMalformedUrlTrace() {
    MalformedUrlLogging.OneLine filter = new MalformedUrlLogging.OneLine(null);
    assertFalse(filter.isLoggable(severe(thrownBy("org.glassfish.grizzly.http.util.URLDecoder"))));
  }

  @Test
  void keepsEverythingElse() {
    MalformedUrlLogging.OneLine filter = new MalformedUrlLogging.OneLine(null);
    assertTrue(filter.isLoggable(severe(thrownBy("dev.runnermetrics.Other"))));
    assertTrue(filter.isLoggable(severe(new IllegalStateException("boom"))));
    assertTrue(filter.isLoggable(severe(null)));
    assertTrue(filter.isLoggable(new LogRecord(Level.INFO, "started")));
  }

  @Test
  void stillAsksTheFilterItReplaced() {
    MalformedUrlLogging.OneLine filter = new MalformedUrlLogging.OneLine(record -> false);
    assertFalse(filter.isLoggable(new LogRecord(Level.INFO, "started")));
  }
}
