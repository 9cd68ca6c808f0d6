import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the receiver's CPU goes during a benchmark: a short text summary of a JFR recording's
 * execution samples (JDK only: {@code java bench/JfrTop.java receiver.jfr [top]}).
 *
 * <p>Prints the share of samples per component (package, first three segments, counted once per
 * sample when anywhere in the stack), the share of the project's own methods (inclusive), and the
 * hottest methods by self time.
 */
public final class JfrTop {

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: java bench/JfrTop.java FILE.jfr [TOP]");
      System.exit(2);
    }
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> components = new HashMap<>();
    Map<String, Integer> own = new HashMap<>();
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
      if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
        continue;
      }
      List<RecordedFrame> frames = e.getStackTrace().getFrames();
      if (frames.isEmpty()) {
        continue;
      }
      samples++;
      self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
      Set<String> seenComponents = new HashSet<>();
      Set<String> seenOwn = new HashSet<>();
      for (RecordedFrame f : frames) {
        RecordedMethod m = f.getMethod();
        String type = m.getType().getName();
        seenComponents.add(component(type));
        if (type.startsWith("dev.runnermetrics.")) {
          seenOwn.add(name(m));
        }
      }
      seenComponents.forEach(c -> components.merge(c, 1, Integer::sum));
      seenOwn.forEach(c -> own.merge(c, 1, Integer::sum));
    }
    if (samples == 0) {
      System.out.println("no execution samples in " + args[0]);
      return;
    }
    System.out.printf(Locale.ROOT, "%d execution samples%n", samples);
    print("components (share of samples with the package anywhere in the stack)", components, samples, top);
    print("project methods (inclusive)", own, samples, top);
    print("hottest methods (self)", self, samples, top);
  }

  static void print(String title, Map<String, Integer> counts, int samples, int top) {
    System.out.println("-- " + title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .limit(top)
        .forEach(
            en ->
                System.out.printf(
                    Locale.ROOT, "%6.1f%%  %s%n", 100.0 * en.getValue() / samples, en.getKey()));
  }

  static String name(RecordedMethod m) {
    String type = m.getType().getName();
    return type.substring(type.lastIndexOf('.') + 1) + "." + m.getName() + "  (" + type + ")";
  }

  static String component(String type) {
    String[] parts = type.split("\\.");
    int n = Math.min(parts.length - 1, 3);
    return n <= 0 ? type : String.join(".", List.of(parts).subList(0, n));
  }
}
