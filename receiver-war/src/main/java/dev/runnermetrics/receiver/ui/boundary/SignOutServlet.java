package dev.runnermetrics.receiver.ui.boundary;

import dev.runnermetrics.receiver.ui.control.SameOrigin;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Ends the dashboard session ({@code POST} only, from this origin: a link elsewhere cannot sign
 * anyone out) and shows the sign-in form.
 */
@WebServlet("/ui/signout")
public class SignOutServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException, ServletException {
    if (!SameOrigin.matches(request.getHeader("Origin"), request.getHeader("Host"))) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
      return;
    }
    request.logout();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    response.setStatus(HttpServletResponse.SC_SEE_OTHER);
    response.setHeader("Location", request.getContextPath() + DashboardAuthentication.SIGN_IN_PATH);
  }
}
