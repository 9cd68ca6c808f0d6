package dev.runnermetrics.receiver.ui.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runnermetrics.receiver.it.Bodies;
import dev.runnermetrics.receiver.it.Deployments;
import dev.runnermetrics.receiver.it.Receiver;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard on a real receiver: sign-in with the read token (origin check, throttle, session
 * cookie), the session's limits, and the pages in headless Chromium. Each test that signs in with
 * plain HTTP does so from its own loopback address, because the throttle counts per address.
 */
@ExtendWith(ArquillianExtension.class)
class DashboardIT {

  private static final String SESSION = "JSESSIONID";
  private static final Path IMAGES = Path.of("..", "docs", "images").toAbsolutePath().normalize();

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.receiver();
  }

  @ArquillianResource URL url;

  private URI base;
  private Receiver receiver;

  @BeforeEach
  void client() {
    base = Deployments.base(url);
    receiver = new Receiver(base, Deployments.READ_TOKEN);
  }

  @Test
  void rootAndPagesWithoutASessionLeadToTheSignInForm() {
    FormHttp http = new FormHttp(base, "127.0.0.21");
    FormHttp.Answer root = http.get("/", Map.of());
    assertEquals(302, root.status());
    assertTrue(root.header("Location").orElseThrow().endsWith("/ui/"), root.headers().toString());
    for (String page : List.of("/ui/", "/ui/index.html", "/ui/job.html", "/ui/run.html?id=1")) {
      FormHttp.Answer answer = http.get(page, Map.of());
      assertEquals(302, answer.status(), page);
      assertTrue(answer.header("Location").orElseThrow().endsWith("/ui/signin"), page);
    }
    FormHttp.Answer form = http.get("/ui/signin", Map.of());
    assertEquals(200, form.status());
    assertTrue(form.body().contains("<form method=\"post\" action=\"/ui/signin\""), form.body());
    assertTrue(
        form.header("Content-Security-Policy").orElseThrow().contains("script-src 'self'"),
        form.headers().toString());
    assertEquals("nosniff", form.header("X-Content-Type-Options").orElseThrow());
    assertEquals(200, http.get("/ui/assets/dashboard.css", Map.of()).status());
    FormHttp.Answer chartLibrary = http.get("/webjars/uplot/1.6.30/dist/uPlot.esm.js", Map.of());
    assertEquals(200, chartLibrary.status());
    assertTrue(
        chartLibrary.header("Content-Type").orElseThrow().contains("javascript"),
        chartLibrary.headers().toString());
  }

  @Test
  void signInGivesAStrictHttpOnlySessionAndSignOutEndsIt() {
    FormHttp http = new FormHttp(base, "127.0.0.22");
    FormHttp.Answer signedIn = signIn(http, Deployments.READ_TOKEN, http.origin());
    assertEquals(303, signedIn.status(), signedIn.body());
    assertTrue(signedIn.header("Location").orElseThrow().endsWith("/ui/"));
    String setCookie = signedIn.setCookie(SESSION).orElseThrow();
    assertTrue(setCookie.contains("HttpOnly"), setCookie);
    assertFalse(setCookie.contains("Secure"), "plain HTTP on loopback: " + setCookie);
    String cookie = cookie(setCookie);

    FormHttp.Answer page = http.get("/ui/", Map.of("Cookie", cookie));
    assertEquals(200, page.status(), page.body());
    assertTrue(page.body().contains("/ui/assets/org.js"), page.body());
    assertTrue(page.header("Content-Security-Policy").isPresent());
    assertEquals("no-store", page.header("Cache-Control").orElseThrow());
    assertEquals(302, http.get("/ui/signin", Map.of("Cookie", cookie)).status(), "signed in");

    FormHttp.Answer foreign =
        http.postForm(
            "/ui/signout", Map.of(), Map.of("Cookie", cookie, "Origin", "http://evil.example"));
    assertEquals(403, foreign.status());
    assertEquals(200, http.get("/ui/", Map.of("Cookie", cookie)).status(), "still signed in");

    FormHttp.Answer out =
        http.postForm("/ui/signout", Map.of(), Map.of("Cookie", cookie, "Origin", http.origin()));
    assertEquals(303, out.status());
    assertTrue(out.header("Location").orElseThrow().endsWith("/ui/signin"));
    FormHttp.Answer after = http.get("/ui/", Map.of("Cookie", cookie));
    assertEquals(302, after.status(), "the old cookie opens nothing");
  }

  @Test
  void theSessionCookieIsSameSiteStrict() {
    FormHttp http = new FormHttp(base, "127.0.0.28");
    String setCookie =
        signIn(http, Deployments.READ_TOKEN, http.origin()).setCookie(SESSION).orElseThrow();
    assertTrue(setCookie.toLowerCase(Locale.ROOT).contains("samesite=strict"), setCookie);
  }

  @Test
  void wrongTokenIsRefusedWithoutAHintAndRepeatedFailuresMustWait() {
    FormHttp http = new FormHttp(base, "127.0.0.23");
    for (String wrong : List.of("nope", Deployments.READ_TOKEN + "x", Deployments.HMAC_KEY)) {
      FormHttp.Answer refused = signIn(http, wrong, http.origin());
      assertEquals(401, refused.status());
      assertTrue(refused.body().contains("Wrong token."), refused.body());
      assertFalse(refused.body().toLowerCase(Locale.ROOT).contains("length"), refused.body());
      assertSignedOut(http, refused);
    }
    FormHttp.Answer slowed = signIn(http, Deployments.READ_TOKEN, http.origin());
    assertEquals(429, slowed.status(), "the right token is not even checked while waiting");
    long retryAfter = Long.parseLong(slowed.header("Retry-After").orElseThrow());
    assertTrue(retryAfter >= 1 && retryAfter <= 2, "first wait is one second: " + retryAfter);
    assertTrue(slowed.body().contains("Too many failed attempts"), slowed.body());
    assertSignedOut(http, slowed);

    FormHttp other = new FormHttp(base, "127.0.0.24");
    assertEquals(303, signIn(other, Deployments.READ_TOKEN, other.origin()).status());
  }

  @Test
  void aFormPostedFromAnotherOriginSignsNobodyIn() {
    FormHttp http = new FormHttp(base, "127.0.0.25");
    for (Map<String, String> headers :
        List.of(
            Map.of("Origin", "http://evil.example"),
            Map.of("Origin", "null"),
            Map.of("Origin", "http://127.0.0.1:1"),
            Map.<String, String>of())) {
      FormHttp.Answer refused =
          http.postForm("/ui/signin", Map.of("token", Deployments.READ_TOKEN), headers);
      assertEquals(403, refused.status(), headers.toString());
      assertSignedOut(http, refused);
    }
  }

  @Test
  void theSessionCookieNeverPushesNorMintsAndDataNeedsACredential() {
    FormHttp http = new FormHttp(base, "127.0.0.26");
    String cookie =
        cookie(
            signIn(http, Deployments.READ_TOKEN, http.origin()).setCookie(SESSION).orElseThrow());
    String[] s = Receiver.freshScope("ui-org", "ui-org/app", "build");
    String body = Bodies.push(s[0], s[1], s[2], s[3], "cookie-run");

    FormHttp.Answer push =
        http.postJson("/api/v1/metrics", body, Map.of("Cookie", cookie, "Origin", http.origin()));
    assertEquals(401, push.status(), push.body());
    FormHttp.Answer mint =
        http.postJson(
            "/api/v1/token",
            Receiver.tokenBody(s[0], s[1], s[2], s[3]),
            Map.of("Cookie", cookie, "Origin", http.origin()));
    assertEquals(401, mint.status(), mint.body());
    assertEquals(0, receiver.runs(s[0], s[1], s[2], s[3], "").size(), "nothing stored");

    String runs =
        "/api/v1/metrics/repo/" + s[0] + "/" + Receiver.enc(s[1]) + "/" + s[2] + "/" + s[3];
    FormHttp.Answer anonymous = http.get(runs, Map.of());
    assertEquals(401, anonymous.status(), "data without a session or token");
    assertTrue(anonymous.header("Content-Type").orElseThrow().contains("problem+json"));
    assertEquals(
        200,
        http.get(runs, Map.of("Authorization", "Bearer " + Deployments.READ_TOKEN)).status(),
        "the bearer read token works as before");
  }

  @Test
  void theSignedInDashboardReadsTheApiWithItsSession() {
    FormHttp http = new FormHttp(base, "127.0.0.27");
    String cookie =
        cookie(
            signIn(http, Deployments.READ_TOKEN, http.origin()).setCookie(SESSION).orElseThrow());
    String[] s = Receiver.freshScope("ui-org", "ui-org/app", "build");
    String runs =
        "/api/v1/metrics/repo/" + s[0] + "/" + Receiver.enc(s[1]) + "/" + s[2] + "/" + s[3];
    FormHttp.Answer read = http.get(runs, Map.of("Cookie", cookie));
    assertEquals(200, read.status(), read.body());
    FormHttp.Answer mint =
        http.postJson(
            "/api/v1/token",
            "{\"organization\":\"ui-org\",\"repository\":\"app\",\"workflow\":\"w\",\"job\":\"j\"}",
            Map.of("Cookie", cookie, "Origin", http.origin()));
    assertEquals(401, mint.status(), "a session reads, it never mints");
  }

  @Test
  void browserSignsInRefusesAWrongTokenAndSignsOut() {
    Optional<String> missing = Browser.missing();
    assumeTrue(missing.isEmpty(), () -> skip(missing));
    try (Browser browser = Browser.start()) {
      var driver = browser.driver;
      driver.get(base.resolve("/ui/").toString());
      assertTrue(driver.getCurrentUrl().endsWith("/ui/signin"), driver.getCurrentUrl());
      typeToken(browser, "not-the-token");
      // The refused form post loads a new page: wait for it, the click does not.
      assertEquals(
          "Wrong token.",
          wait(browser)
              .until(ExpectedConditions.presenceOfElementLocated(By.id("signin-error")))
              .getText());
      browser.consoleErrors(); // Chrome logs the 401 of the refused form post itself

      typeToken(browser, Deployments.READ_TOKEN);
      wait(browser).until(ExpectedConditions.urlMatches(".*/ui/$"));
      wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("org")));
      assertEquals(List.of(), browser.consoleErrors());

      driver.findElement(By.id("signout")).click();
      wait(browser).until(ExpectedConditions.urlMatches(".*/ui/signin$"));
      driver.get(base.resolve("/ui/job.html").toString());
      assertTrue(driver.getCurrentUrl().endsWith("/ui/signin"), "signed out for good");
      assertOnlyOwnOrigin(browser.requestedUrls());
    }
  }

  @Test
  void runAndJobPagesDrawTheSeededRunsWithoutErrorsOrForeignRequests() throws Exception {
    Optional<String> missing = Browser.missing();
    assumeTrue(missing.isEmpty(), () -> skip(missing));
    String[] s = {"acme", "acme/shop", "ci-" + System.nanoTime() % 100000 + ".yml", "build"};
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    Instant start = Instant.parse("2026-11-20T09:00:00Z");
    long lastId = 0;
    for (int n = 0; n < 8; n++) {
      String payload =
          SeedRuns.payload(n, start.plus(Duration.ofHours(7L * n)), n == 5, n == 3 || n == 6)
              .toString();
      HttpResponse<String> pushed =
          receiver.push(
              token, Bodies.push(s[0], s[1], s[2], s[3], "run-" + (1041 + n), payload), null);
      assertEquals(201, pushed.statusCode(), pushed.body());
      lastId = Receiver.json(pushed.body()).getJsonNumber("id").longValueExact();
    }

    try (Browser browser = Browser.start()) {
      signInWith(browser);
      assertTrue(sessionReadsApi(browser), "the dashboard reads the API with its session");
      browser.consoleErrors();
      browser.requestedUrls();

      browser.driver.get(base.resolve("/ui/run.html?id=" + (lastId - 2)).toString());
      WebElement cpu =
          wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("cpu-timeline")));
      assertEquals(SeedRuns.CONTAINERS, Arrays.asList(cpu.getAttribute("data-series").split("\n")));
      WebElement memory = browser.driver.findElement(By.id("memory-timeline"));
      assertEquals(
          SeedRuns.CONTAINERS, Arrays.asList(memory.getAttribute("data-series").split("\n")));
      assertEquals(1, cpu.findElements(By.cssSelector("canvas")).size(), "uPlot drew the chart");
      assertTrue(
          browser.driver.findElement(By.id("run-badges")).getText().contains("OOM"),
          "run 5 had an OOM kill");
      assertEquals(4, browser.driver.findElements(By.cssSelector("#top-cpu tbody tr")).size());
      assertEquals(List.of(), browser.consoleErrors());
      String runCall = "/api/v1/metrics/" + (lastId - 2);
      List<String> urls = browser.requestedUrls();
      assertTrue(
          urls.stream().anyMatch(u -> u.endsWith("/webjars/uplot/1.6.30/dist/uPlot.esm.js"))
              && urls.stream().anyMatch(u -> u.endsWith(runCall)),
          "the network log sees the page's requests: " + urls);
      assertOnlyOwnOrigin(urls);
      browser.screenshot(IMAGES.resolve("dashboard-run.png"), 1280);
      assertFitsAPhone(browser);
      browser.driver.executeCdpCommand(
          "Emulation.setEmulatedMedia",
          Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
      browser.driver.navigate().refresh();
      wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("cpu-timeline")));
      browser.screenshot(IMAGES.resolve("dashboard-run-dark.png"), 1280);
      browser.driver.executeCdpCommand(
          "Emulation.setEmulatedMedia",
          Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));

      browser.consoleErrors();
      browser.driver.get(
          base.resolve(
                  "/ui/job.html?org="
                      + s[0]
                      + "&repo="
                      + Receiver.enc(s[1])
                      + "&workflow="
                      + Receiver.enc(s[2])
                      + "&job="
                      + s[3])
              .toString());
      WebElement jobCpu =
          wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("cpu-0")));
      assertEquals("8", jobCpu.getAttribute("data-points"), "one point per seeded run");
      assertEquals(8, browser.driver.findElements(By.cssSelector("#runs tbody tr")).size());
      wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("advice-yaml")));
      assertShowsTheSizingApisAdvice(browser, s);
      assertEquals(List.of(), browser.consoleErrors());
      assertOnlyOwnOrigin(browser.requestedUrls());
      browser.screenshot(IMAGES.resolve("dashboard-job.png"), 1280);
      assertFitsAPhone(browser);
    }
  }

  @Test
  void pagesExplainWhatIsMissingAndFollowTheDarkMode() throws Exception {
    Optional<String> missing = Browser.missing();
    assumeTrue(missing.isEmpty(), () -> skip(missing));
    String[] s = Receiver.freshScope("acme", "acme/legacy", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    HttpResponse<String> pushed =
        receiver.push(token, Bodies.push(s[0], s[1], s[2], s[3], "old-collector-run"), null);
    assertEquals(201, pushed.statusCode(), pushed.body());
    long id = Receiver.json(pushed.body()).getJsonNumber("id").longValueExact();

    try (Browser browser = Browser.start()) {
      signInWith(browser);
      assertTrue(sessionReadsApi(browser), "the dashboard reads the API with its session");
      browser.consoleErrors();

      browser.driver.get(base.resolve("/ui/run.html?id=" + id).toString());
      WebElement note =
          wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("no-timeline")));
      assertTrue(note.getText().contains("no timeline"), note.getText());
      assertEquals(1, browser.driver.findElements(By.cssSelector("#containers tbody tr")).size());
      assertEquals(List.of(), browser.consoleErrors());

      browser.driver.get(
          base.resolve(
                  "/ui/job.html?org=acme&repo=acme%2Fnothing-yet&workflow=ci.yml&job="
                      + s[2].replace(".yml", ""))
              .toString());
      WebElement empty =
          wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("empty-state")));
      assertTrue(empty.getText().contains("/api/v1/token"), empty.getText());
      assertEquals(List.of(), browser.consoleErrors());

      browser.driver.get(base.resolve("/ui/run.html?id=" + id).toString());
      wait(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("no-timeline")));
      String light = background(browser);
      browser.driver.executeCdpCommand(
          "Emulation.setEmulatedMedia",
          Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
      String dark = background(browser);
      assertEquals("rgb(247, 247, 248)", light);
      assertEquals("rgb(21, 23, 27)", dark);
      assertOnlyOwnOrigin(browser.requestedUrls());
    }
  }

  /**
   * The organisation page against the real {@code GET /api/v1/sizing/repo/{org}}: five jobs seeded
   * through the push API, the same work under different limits and run counts, so each wastes a
   * different amount. The page lists them in the order the API answers (most CPU waste first).
   */
  @Test
  void organisationPageListsJobsInWasteOrderAndSortsAndFilters() throws Exception {
    Optional<String> missing = Browser.missing();
    assumeTrue(missing.isEmpty(), () -> skip(missing));
    String org = "globex";
    List<SeededJob> seeded =
        List.of(
            new SeededJob("globex/shop", "ci.yml", "build", 3.0, 6),
            new SeededJob("globex/api", "ci.yml", "integration", 2.2, 5),
            new SeededJob("globex/shop", "nightly.yml", "e2e", 1.6, 4),
            new SeededJob("globex/docs", "pages.yml", "deploy", 1.25, 3),
            new SeededJob("globex/api", "ci.yml", "lint", 1.0, 2));
    Instant start = Instant.parse("2026-11-24T08:00:00Z");
    for (SeededJob job : seeded) {
      String token = receiver.mint(org, job.repo(), job.workflow(), job.job());
      for (int n = 0; n < job.runs(); n++) {
        String payload =
            SeedRuns.payload(
                    n, start.plus(Duration.ofHours(5L * n)), n == 2, n == 1, job.limitScale())
                .toString();
        HttpResponse<String> pushed =
            receiver.push(
                token,
                Bodies.push(
                    org, job.repo(), job.workflow(), job.job(), "run-" + (2001 + n), payload),
                null);
        assertEquals(201, pushed.statusCode(), pushed.body());
      }
    }
    HttpResponse<String> answer =
        receiver.get("api/v1/sizing/repo/" + org, "Bearer " + Deployments.READ_TOKEN);
    assertEquals(200, answer.statusCode(), answer.body());
    JsonArray jobs = Json.createReader(new StringReader(answer.body())).readArray();
    List<String> apiOrder = jobs.stream().map(j -> key(j.asJsonObject())).toList();
    assertEquals(
        seeded.stream().map(SeededJob::key).sorted().toList(),
        apiOrder.stream().sorted().toList(),
        "the organisation holds the seeded jobs");
    List<Double> coreWaste =
        jobs.stream()
            .map(j -> j.asJsonObject().getJsonNumber("waste_core_hours").doubleValue())
            .toList();
    for (int i = 1; i < coreWaste.size(); i++) {
      assertTrue(
          coreWaste.get(i - 1) > coreWaste.get(i), "each job wastes differently: " + coreWaste);
    }

    try (Browser browser = Browser.start()) {
      signInWith(browser);
      browser.consoleErrors();
      browser.requestedUrls();
      browser.driver.get(base.resolve("/ui/?org=" + org).toString());
      wait(browser)
          .until(
              ExpectedConditions.numberOfElementsToBe(
                  By.cssSelector("#jobs tbody tr"), seeded.size()));
      assertEquals(apiOrder, rows(browser), "the API's order: most CPU waste first");
      JsonObject top = jobs.getJsonObject(0);
      WebElement first = browser.driver.findElement(By.cssSelector("#jobs tbody tr a"));
      assertTrue(
          first
              .getAttribute("href")
              .endsWith(
                  "/ui/job.html?org="
                      + org
                      + "&repo="
                      + Receiver.enc(top.getString("repository"))
                      + "&workflow="
                      + Receiver.enc(top.getString("workflow"))
                      + "&job="
                      + top.getString("job")),
          first.getAttribute("href"));
      String text = browser.driver.findElement(By.id("jobs")).getText();
      assertTrue(text.contains("core-h") && text.contains("GiB-h"), text);
      browser.screenshot(IMAGES.resolve("dashboard-org.png"), 1280);

      List<String> byMemory =
          jobs.stream()
              .map(JsonValue::asJsonObject)
              .sorted(
                  Comparator.comparingDouble(
                      (JsonObject j) -> j.getJsonNumber("waste_gib_hours").doubleValue()))
              .map(DashboardIT::key)
              .toList();
      browser.driver.findElement(By.cssSelector("th[data-key=wasteGib] button")).click();
      assertEquals(byMemory.get(byMemory.size() - 1), rows(browser).get(0), "most memory first");
      browser.driver.findElement(By.cssSelector("th[data-key=wasteGib] button")).click();
      assertEquals(byMemory.get(0), rows(browser).get(0), "then least first");
      browser.driver.findElement(By.cssSelector("th[data-key=repo] button")).click();
      assertTrue(rows(browser).get(0).startsWith("globex/api/"), "by name, A first");

      browser.driver.findElement(By.id("filter")).sendKeys("shop");
      assertEquals(2, rows(browser).size());
      assertTrue(rows(browser).stream().allMatch(r -> r.startsWith("globex/shop/")));
      assertEquals(List.of(), browser.consoleErrors());
      assertOnlyOwnOrigin(browser.requestedUrls());
    }
  }

  /**
   * A job the organisation test seeds: its limits scaled by {@code limitScale}, {@code runs} runs.
   */
  private record SeededJob(String repo, String workflow, String job, double limitScale, int runs) {
    String key() {
      return repo + "/" + workflow + "/" + job;
    }
  }

  private static String key(JsonObject job) {
    return job.getString("repository")
        + "/"
        + job.getString("workflow")
        + "/"
        + job.getString("job");
  }

  /**
   * The job page's advice is the sizing API's, read here with the read token: each container's
   * numbers (formatted by the page's own unit functions), its confidence and reasons, and the YAML
   * and CGROUP_LIMITS blocks word for word.
   */
  private void assertShowsTheSizingApisAdvice(Browser browser, String[] s) {
    String path =
        "api/v1/sizing/repo/"
            + Receiver.enc(s[0])
            + "/"
            + Receiver.enc(s[1])
            + "/"
            + Receiver.enc(s[2])
            + "/"
            + Receiver.enc(s[3]);
    String bearer = "Bearer " + Deployments.READ_TOKEN;
    HttpResponse<String> json = receiver.get(path, bearer);
    assertEquals(200, json.statusCode(), json.body());
    HttpResponse<String> yaml = receiver.get(path + "?format=yaml", bearer);
    assertEquals(200, yaml.statusCode(), yaml.body());
    HttpResponse<String> limits = receiver.get(path + "?format=cgroup-limits", bearer);
    assertEquals(200, limits.statusCode(), limits.body());
    JsonObject advice = Receiver.json(json.body());
    JsonArray containers = advice.getJsonArray("containers");
    assertEquals(
        SeedRuns.CONTAINERS.stream().sorted().toList(),
        containers.stream().map(c -> c.asJsonObject().getString("name")).sorted().toList());

    @SuppressWarnings("unchecked")
    List<String> expected =
        (List<String>)
            browser.driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "const advice = JSON.parse(arguments[0]);"
                    + "import('/ui/assets/common.js').then(m => done(advice.containers.map(c =>"
                    + " [c.name, m.cores(c.current?.cpu_limit_cores), m.cores(c.cpu_request_cores),"
                    + " m.cores(c.cpu_limit_cores), m.bytes(c.current?.memory_limit_bytes),"
                    + " m.bytes(c.memory_request_bytes), m.bytes(c.memory_limit_bytes),"
                    + " `${c.confidence.level} (${c.confidence.clean_runs} clean runs)`].join(' '))),"
                    + " e => done([String(e)]));",
                json.body());
    List<String> shown =
        browser.driver.findElements(By.cssSelector("#advice tbody tr")).stream()
            .map(WebElement::getText)
            .toList();
    assertEquals(expected, shown, "the advice table shows the API's numbers");

    String reasons =
        browser.driver.findElements(By.id("advice-reasons")).stream()
            .map(WebElement::getText)
            .findFirst()
            .orElse("");
    int count = 0;
    for (JsonValue c : containers) {
      for (JsonValue r : c.asJsonObject().getJsonArray("reasons")) {
        String line =
            c.asJsonObject().getString("name") + ": " + r.asJsonObject().getString("text");
        assertTrue(reasons.contains(line), line + " in " + reasons);
        count++;
      }
    }
    assertTrue(count > 0, "the OOM kill and the throttling give reasons: " + json.body());
    assertEquals(yaml.body(), textOf(browser, "advice-yaml"));
    assertEquals(
        "CGROUP_LIMITS='" + limits.body().trim() + "'", textOf(browser, "advice-cgroup-limits"));
  }

  private static String textOf(Browser browser, String id) {
    return (String)
        browser.driver.executeScript(
            "return document.getElementById(arguments[0]).textContent", id);
  }

  private static List<String> rows(Browser browser) {
    return browser.driver.findElements(By.cssSelector("#jobs tbody tr")).stream()
        .map(r -> r.getAttribute("data-job"))
        .toList();
  }

  private static String background(Browser browser) {
    return (String)
        browser.driver.executeScript("return getComputedStyle(document.body).backgroundColor");
  }

  /**
   * At a phone's width (390 CSS px) the page does not scroll sideways once the charts have followed
   * the width (they resize on the next frame); wide tables scroll on their own.
   */
  private static void assertFitsAPhone(Browser browser) {
    browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
    try {
      wait(browser)
          .until(
              d ->
                  ((Number)
                              browser.driver.executeScript(
                                  "return document.documentElement.scrollWidth"
                                      + " - document.documentElement.clientWidth"))
                          .longValue()
                      == 0);
    } finally {
      browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    }
  }

  private boolean sessionReadsApi(Browser browser) {
    Object status =
        browser.driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "fetch('/api/v1/metrics/repo/x/y/z/w').then(r => done(r.status), () => done(0));");
    return ((Number) status).intValue() != 401;
  }

  private void signInWith(Browser browser) {
    browser.driver.get(base.resolve("/ui/signin").toString());
    typeToken(browser, Deployments.READ_TOKEN);
    wait(browser).until(ExpectedConditions.urlMatches(".*/ui/$"));
  }

  private static void typeToken(Browser browser, String token) {
    WebElement field = browser.driver.findElement(By.id("token"));
    field.clear();
    field.sendKeys(token);
    browser.driver.findElement(By.id("signin")).click();
  }

  private static WebDriverWait wait(Browser browser) {
    return new WebDriverWait(browser.driver, Duration.ofSeconds(60));
  }

  private void assertOnlyOwnOrigin(List<String> urls) {
    String origin = "http://127.0.0.1:" + base.getPort() + "/";
    for (String requested : urls) {
      assertTrue(requested.startsWith(origin), "left the origin: " + requested);
    }
  }

  private static FormHttp.Answer signIn(FormHttp http, String token, String origin) {
    return http.postForm("/ui/signin", Map.of("token", token), Map.of("Origin", origin));
  }

  private static void assertSignedOut(FormHttp http, FormHttp.Answer answer) {
    Optional<String> setCookie = answer.setCookie(SESSION);
    if (setCookie.isPresent()) {
      assertEquals(302, http.get("/ui/", Map.of("Cookie", cookie(setCookie.get()))).status());
    }
  }

  private static String cookie(String setCookie) {
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private static String skip(Optional<String> reason) {
    String line = "DashboardIT: skipped: " + reason.orElse("");
    System.out.println(line);
    return line;
  }
}
