using System.Buffers.Binary;
using System.Text;

namespace LipSyncGuard.Testing.Reliability;

/// <summary>Byte surgery on ISO-BMFF (mp4) files: finds boxes by path and rewrites header fields in place, to craft
/// containers that lie (a 10-hour duration, a missing index) from a small honest file.</summary>
public static class Mp4Boxes
{
    private static readonly HashSet<string> Containers = ["moov", "trak", "mdia", "minf", "stbl", "edts", "udta"];

    /// <summary>Offsets of every box of type <paramref name="type"/> anywhere in the box tree.</summary>
    public static List<int> Find(ReadOnlySpan<byte> file, string type)
    {
        var found = new List<int>();
        Walk(file, 0, file.Length, type, found);
        return found;
    }

    /// <summary>Sets the duration of the movie header, every media header and every track header to
    /// <paramref name="seconds"/> in their own timescales (version-0 boxes, saturating at 32 bits).</summary>
    public static void ClaimDuration(Span<byte> file, double seconds)
    {
        foreach (var mvhd in Find(file, "mvhd")) ScaleDuration(file, mvhd, timescaleAt: 20, durationAt: 24, seconds);
        foreach (var mdhd in Find(file, "mdhd")) ScaleDuration(file, mdhd, timescaleAt: 20, durationAt: 24, seconds);
        var movieScale = BinaryPrimitives.ReadUInt32BigEndian(file[(Find(file, "mvhd")[0] + 20)..]);
        // tkhd durations are in the movie timescale.
        foreach (var tkhd in Find(file, "tkhd")) Write32(file, tkhd + 28, seconds * movieScale);
    }

    /// <summary>The file without its top-level box of <paramref name="type"/> (ffmpeg finds an index merely renamed to
    /// <c>free</c>, so a missing index must really be gone).</summary>
    public static byte[] Remove(ReadOnlySpan<byte> file, string type)
    {
        var box = Find(file, type).FirstOrDefault(-1);
        if (box < 0) throw new InvalidOperationException($"no '{type}' box");
        var size = (int)BinaryPrimitives.ReadUInt32BigEndian(file[box..]);
        return [.. file[..box], .. file[(box + size)..]];
    }

    private static void ScaleDuration(Span<byte> file, int box, int timescaleAt, int durationAt, double seconds)
    {
        if (file[box + 8] != 0) throw new NotSupportedException("only version-0 headers are patched");
        var timescale = BinaryPrimitives.ReadUInt32BigEndian(file[(box + timescaleAt)..]);
        Write32(file, box + durationAt, seconds * timescale);
    }

    private static void Write32(Span<byte> file, int offset, double value) =>
        BinaryPrimitives.WriteUInt32BigEndian(file[offset..], (uint)Math.Min(uint.MaxValue, Math.Round(value)));

    private static void Walk(ReadOnlySpan<byte> file, int start, int end, string type, List<int> found)
    {
        var at = start;
        while (at + 8 <= end)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(file[at..]);
            var name = Encoding.Latin1.GetString(file.Slice(at + 4, 4));
            if (size < 8 || at + size > end) return;
            if (name == type) found.Add(at);
            if (Containers.Contains(name)) Walk(file, at + 8, at + (int)size, type, found);
            at += (int)size;
        }
    }
}
