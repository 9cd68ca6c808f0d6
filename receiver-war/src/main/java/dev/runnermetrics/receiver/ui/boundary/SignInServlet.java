package dev.runnermetrics.receiver.ui.boundary;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The sign-in form ({@code GET}) and the answer to posting it ({@code POST}), after {@link
 * DashboardAuthentication} has decided: to the dashboard on success, else the form again with a
 * message and the status that fits (401 wrong token, 429 slow down, 403 foreign origin).
 */
@WebServlet(DashboardAuthentication.SIGN_IN_PATH)
public class SignInServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  /** Where the page's message goes in the template. */
  static final String MESSAGE_SLOT = "<!-- message -->";

  private static final String TEMPLATE = "/WEB-INF/ui/signin.html";

  private String template;

  @Override
  public void init() throws ServletException {
    try (InputStream in = getServletContext().getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new ServletException(TEMPLATE + " is missing from the WAR");
      }
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (request.getUserPrincipal() != null) {
      response.sendRedirect(request.getContextPath() + "/ui/");
      return;
    }
    page(response, HttpServletResponse.SC_OK, "");
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Object outcome = request.getAttribute(SignInOutcome.ATTRIBUTE);
    if (outcome == SignInOutcome.SIGNED_IN || request.getUserPrincipal() != null) {
      // 303: the browser follows with a GET, so a reload does not post the token again.
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", request.getContextPath() + "/ui/");
      return;
    }
    if (outcome == SignInOutcome.SLOW_DOWN) {
      Object seconds = request.getAttribute(SignInOutcome.RETRY_AFTER);
      response.setHeader("Retry-After", String.valueOf(seconds));
      page(
          response,
          429,
          message(
              String.format(
                  Locale.ROOT,
                  "Too many failed attempts from your address: try again in %s s.",
                  seconds)));
    } else if (outcome == SignInOutcome.FOREIGN_ORIGIN) {
      page(
          response,
          HttpServletResponse.SC_FORBIDDEN,
          message("This form can only be sent from this site's own sign-in page."));
    } else {
      page(response, HttpServletResponse.SC_UNAUTHORIZED, message("Wrong token."));
    }
  }

  private static String message(String text) {
    return "<p class=\"error\" role=\"alert\" id=\"signin-error\">" + text + "</p>";
  }

  private void page(HttpServletResponse response, int status, String message) throws IOException {
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    response.getWriter().write(template.replace(MESSAGE_SLOT, message));
  }
}
