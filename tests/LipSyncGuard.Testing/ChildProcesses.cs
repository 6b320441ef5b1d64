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

    /// <summary>Live ffmpeg / ffprobe processes (of any parent) whose command line mentions <paramref name="fragment"/>,
    /// e.g. a corpus or upload folder: catches children orphaned by a process that has already exited.</summary>
    public static IReadOnlyList<string> FfmpegMentioning(string fragment)
    {
        var found = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            string comm;
            string commandLine;
            try
            {
                comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                if (!comm.StartsWith("ff", StringComparison.Ordinal)) continue;
                commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (File.ReadAllText(Path.Combine(dir, "stat")).Split(") ")[^1].StartsWith('Z')) continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }
            if (commandLine.Contains(fragment, StringComparison.Ordinal)) found.Add($"{Path.GetFileName(dir)} {comm}: {commandLine}");
        }
        return found;
    }

    /// <summary>Waits briefly for killed processes to go, then returns those still mentioning <paramref name="fragment"/>.</summary>
    public static IReadOnlyList<string> FfmpegMentioningAfterSettling(string fragment)
    {
        for (var i = 0; i < 50; i++)
        {
            if (FfmpegMentioning(fragment).Count == 0) return [];
            Thread.Sleep(100);
        }
        return FfmpegMentioning(fragment);
    }
}
