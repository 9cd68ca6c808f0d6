package dev.runnermetrics.receiver.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The one deployment every Arquillian test uses: the WAR the build just packaged, as shipped. */
public final class Deployments {

  /** Read token configured in arquillian.xml. */
  public static final String READ_TOKEN = "it-read-token";

  /** HMAC key configured in arquillian.xml. */
  public static final String HMAC_KEY = "it-hmac-key";

  private Deployments() {}

  /** target/receiver.war, unchanged, so the tests exercise the artifact users run. */
  public static WebArchive receiver() {
    File war = new File(System.getProperty("receiver.war", "target/receiver.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }

  /**
   * The server's base URI on loopback: the adapter reports the machine's external address, but the
   * server only listens on 127.0.0.1.
   */
  public static URI base(URL deployed) {
    return URI.create("http://127.0.0.1:" + deployed.getPort() + "/");
  }
}
