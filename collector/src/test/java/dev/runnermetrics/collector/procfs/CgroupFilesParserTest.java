package dev.runnermetrics.collector.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CgroupFilesParserTest {

  @Test
  void findsEveryCgroupHierarchyOfAHybridHost() {
    List<CgroupMount> m =
        MountinfoParser.cgroupMounts(Fixtures.read("mountinfo-hybrid", "mountinfo"));
    CgroupMount cpuacct =
        m.stream().filter(x -> x.controllers().contains("cpuacct")).findFirst().orElseThrow();
    assertEquals(
        new CgroupMount(false, List.of("cpuacct"), "/", "/sys/fs/cgroup/cpuacct"), cpuacct);
    CgroupMount unified = m.stream().filter(CgroupMount::v2).findFirst().orElseThrow();
    assertEquals("/sys/fs/cgroup/unified", unified.mountPoint());
    assertEquals(List.of(), unified.controllers());
    assertEquals(
        List.of("name=systemd"),
        m.stream()
            .filter(x -> x.mountPoint().endsWith("/systemd"))
            .findFirst()
            .orElseThrow()
            .controllers());
  }

  @Test
  void keepsTheMountRootAndUnescapesTheMountPoint() {
    List<CgroupMount> m =
        MountinfoParser.cgroupMounts(Fixtures.read("mountinfo-container", "mountinfo"));
    assertEquals(2, m.size());
    assertEquals(
        new CgroupMount(
            true,
            List.of(),
            "/kubepods.slice/kubepods-pod1.slice/cri-containerd-abc.scope",
            "/sys/fs/cgroup"),
        m.get(0));
    assertEquals(
        new CgroupMount(false, List.of("cpu", "cpuacct"), "/", "/mnt/my cgroups"), m.get(1));
  }

  @Test
  void rejectsAMountinfoLineWithoutSeparator() {
    assertThrows(
        ProcParseException.class,
        () -> MountinfoParser.cgroupMounts("31 23 0:28 / /sys/fs/cgroup rw tmpfs\n"));
  }

  @Test
  void readsCounters() {
    assertEquals(6319485426683L, CgroupFileParser.single("cpuacct.usage", "6319485426683\n"));
    assertEquals(
        OptionalLong.of(4128510),
        CgroupFileParser.keyed(
            "cpu.stat",
            "usage_usec 4128510\nuser_usec 3000000\nsystem_usec 1128510\n",
            "usage_usec"));
    assertEquals(
        OptionalLong.of(3000000),
        CgroupFileParser.keyed("cpu.stat", "usage_usec 4128510\nuser_usec 3000000", "user_usec"));
    assertEquals(
        OptionalLong.empty(), CgroupFileParser.keyed("cpu.stat", "nr_periods 0\n", "usage_usec"));
    assertThrows(ProcParseException.class, () -> CgroupFileParser.single("memory.peak", "max\n"));
    assertThrows(ProcParseException.class, () -> CgroupFileParser.single("memory.peak", ""));
  }
}
