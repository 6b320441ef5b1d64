using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LipSyncGuard.Service.Problems;

/// <summary>Keeps the server's file system out of responses: absolute paths (of uploads, data and weights folders) become
/// their last segment, which still tells a reader which file or folder is meant.</summary>
public static partial class ServerPaths
{
    /// <summary><paramref name="text"/> with every absolute path replaced by its file or folder name.</summary>
    public static string Scrub(string text) => AbsolutePath().Replace(text, m => m.Groups["name"].Value);

    /// <summary>Scrubs every string in <paramref name="node"/> in place (the model card, whose classes belong to training).</summary>
    public static JsonNode? Scrub(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text)) obj[key] = Scrub(text);
                    else Scrub(value);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var text)) array[i] = Scrub(text);
                    else Scrub(array[i]);
                }
                break;
        }
        return node;
    }

    // A '/' not preceded by a word character, dot or another '/' (so "sync-only", "a/b" ratios and URLs stay), then at
    // least two segments. Windows drive paths are matched too.
    [GeneratedRegex(@"(?<![\w.:/~])(?:[A-Za-z]:)?[/\\](?:[^\s/\\'""`,;()]+[/\\])+(?<name>[^\s/\\'""`,;()]*)")]
    private static partial Regex AbsolutePath();
}
