namespace LipSyncGuard.Testing;

/// <summary>Looks for ffmpeg / ffprobe children of this test process in /proc, to prove none is left behind.</summary>
public static class ChildProcesses
{
    /// <summary>Names of live processes whose parent is this process and whose name starts with ff.</summary>
    public static IReadOnlyList<string> FfmpegChildren()
    {
        var self = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var stat = Path.Combine(dir, "stat");
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }
            // stat: pid (comm) state ppid …; comm may hold spaces, so split after the last ')'.
            var close = text.LastIndexOf(')');
            var open = text.IndexOf('(');
            if (close < 0 || open < 0) continue;
            var comm = text[(open + 1)..close];
            var rest = text[(close + 2)..].Split(' ');
            if (rest.Length > 1 && rest[1] == self && comm.StartsWith("ff", StringComparison.Ordinal) && rest[0] != "Z") found.Add(comm);
        }
        return found;
    }

    /// <summary>Waits briefly for killed children to be reaped, then returns what is left.</summary>
    public static IReadOnlyList<string> FfmpegChildrenAfterSettling()
    {
        for (var i = 0; i < 50; i++)
        {
            if (FfmpegChildren().Count == 0) return [];
            Thread.Sleep(100);
        }
        return FfmpegChildren();
    }
}
