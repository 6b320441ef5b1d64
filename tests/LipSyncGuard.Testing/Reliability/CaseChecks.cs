using System.Text.Json;

namespace LipSyncGuard.Testing.Reliability;

/// <summary>Judges a CLI run or an HTTP answer against a <see cref="HostileCase"/>: the list of what is wrong (empty when
/// the product behaved). Shared by the tests and the report so both apply the same rules.</summary>
public static class CaseChecks
{
    /// <summary>Problems with a CLI run: a hang, a crash, a stack trace, several lines, a wrong code or a bad verdict.</summary>
    public static List<string> Check(HostileCase c, CliRun run)
    {
        var problems = new List<string>();
        if (run.TimedOut) return ["cli: hang (killed after the per-case timeout)"];
        var stderr = run.Stderr.Trim();
        if (stderr.Contains("   at ", StringComparison.Ordinal) || stderr.Contains("Unhandled exception", StringComparison.Ordinal))
            problems.Add("cli: stack trace on stderr");
        if (run.ExitCode == 0)
        {
            if (!c.VerdictAllowed) problems.Add($"cli: exit 0 with a verdict, expected {c.Expected}");
            else problems.AddRange(CheckVerdict(c, run.Stdout).Select(p => "cli: " + p));
        }
        else if (run.ExitCode == 2)
        {
            var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (lines.Length != 1) problems.Add($"cli: {lines.Length} lines on stderr, expected one");
            var code = Code(lines.FirstOrDefault() ?? "");
            if (!c.RefusalCodes.Contains(code)) problems.Add($"cli: refused with '{code}', expected {c.Expected}");
        }
        else
        {
            problems.Add($"cli: exit {run.ExitCode} (crash or internal error): {Tail(stderr)}");
        }
        return problems;
    }

    /// <summary>Problems with an HTTP answer: none, a 5xx, a non-ProblemDetails refusal, a wrong status or code, a bad verdict.</summary>
    public static List<string> Check(HostileCase c, HttpRun run)
    {
        if (run.TimedOut) return ["http: no answer within the per-case timeout"];
        if (run.Status == 0) return [$"http: no answer ({run.Failure})"];
        if (run.Status >= 500) return [$"http: {run.Status}: {Tail(run.Body)}"];
        var problems = new List<string>();
        if (run.Body.Contains("   at ", StringComparison.Ordinal)) problems.Add("http: stack trace in the body");
        if (run.Status == 200)
        {
            if (!c.VerdictAllowed) problems.Add($"http: 200 with a verdict, expected {c.Expected}");
            else problems.AddRange(CheckVerdict(c, run.Body).Select(p => "http: " + p));
            return problems;
        }
        if (run.MediaType != "application/problem+json") problems.Add($"http: {run.Status} as {run.MediaType}, expected application/problem+json");
        string? code = null;
        try
        {
            using var json = JsonDocument.Parse(run.Body);
            code = json.RootElement.TryGetProperty("code", out var value) ? value.GetString() : null;
        }
        catch (JsonException)
        {
            problems.Add("http: the problem body is not JSON");
        }
        var accepted = c.HttpCode is null ? c.RefusalCodes : [c.HttpCode];
        if (!accepted.Contains(code)) problems.Add($"http: {run.Status} '{code}', expected {string.Join(" or ", accepted)}" + (c.VerdictAllowed ? " or a verdict" : ""));
        else if (run.Status != c.HttpStatus) problems.Add($"http: status {run.Status} for '{code}', expected {c.HttpStatus}");
        return problems;
    }

    /// <summary>The code of a CLI error line <c>error: code: message</c>.</summary>
    public static string Code(string line)
    {
        const string prefix = "error: ";
        if (!line.StartsWith(prefix, StringComparison.Ordinal)) return "";
        var colon = line.IndexOf(':', prefix.Length);
        return colon < 0 ? "" : line[prefix.Length..colon];
    }

    /// <summary>The outcome as the report prints it: <c>verdict</c>, the refusal code, or what went wrong.</summary>
    public static string Outcome(CliRun run) =>
        run.TimedOut ? "hang" : run.ExitCode == 0 ? "verdict" : run.ExitCode == 2 ? Code(run.Stderr.Trim()) : $"exit {run.ExitCode}";

    /// <summary>The outcome as the report prints it: <c>200 verdict</c>, <c>415 unsupported_format</c>…</summary>
    public static string Outcome(HttpRun run)
    {
        if (run.TimedOut) return "hang";
        if (run.Status == 0) return "no answer";
        if (run.Status == 200) return "200 verdict";
        try
        {
            using var json = JsonDocument.Parse(run.Body);
            return $"{run.Status} {(json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : "?")}";
        }
        catch (JsonException)
        {
            return run.Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static List<string> CheckVerdict(HostileCase c, string body)
    {
        var problems = new List<string>();
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.GetProperty("is_real").GetBoolean() == root.GetProperty("is_fake").GetBoolean()) problems.Add("is_real and is_fake agree");
            var p = root.GetProperty("manipulation_probability").GetDouble();
            if (p is < 0 or > 1 || double.IsNaN(p)) problems.Add($"manipulation_probability {p} outside [0, 1]");
            var video = root.GetProperty("video");
            var size = (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32());
            if (c.ExpectedSize is { } expected && size != expected) problems.Add($"reported {size.Item1}x{size.Item2}, expected {expected.Width}x{expected.Height}");
            var faces = root.GetProperty("faces");
            if (faces.GetArrayLength() == 0) problems.Add("no face entry");
            else if (c.ExpectFace && faces[0].GetProperty("fallback").GetBoolean()) problems.Add("the real face was not found (centre-crop fallback)");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            problems.Add($"the verdict is not the expected JSON ({e.Message})");
        }
        return problems;
    }

    private static string Tail(string text) => text.Length <= 300 ? text : text[^300..];
}
