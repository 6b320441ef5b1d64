namespace LipSyncGuard.Media;

/// <summary>Recognises container signatures from the first bytes, so a damaged video can be told apart from something
/// that was never a video (text, random bytes, a playlist), whatever its extension.</summary>
internal static class ContainerSniffer
{
    private const int HeadLength = 16;

    /// <summary>True when the head of the file carries the magic of a container we would accept.</summary>
    public static bool LooksLikeMedia(string path)
    {
        Span<byte> head = stackalloc byte[HeadLength];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1))
        {
            read = stream.ReadAtLeast(head, HeadLength, throwOnEndOfStream: false);
        }
        return LooksLikeMedia(head[..read]);
    }

    /// <summary>Signature check on the first bytes of a file.</summary>
    public static bool LooksLikeMedia(ReadOnlySpan<byte> h)
    {
        if (h.Length < 4) return false;
        return (h.Length >= 8 && (h[4..8].SequenceEqual("ftyp"u8) || h[4..8].SequenceEqual("moov"u8) || h[4..8].SequenceEqual("mdat"u8)
                                  || h[4..8].SequenceEqual("free"u8) || h[4..8].SequenceEqual("wide"u8)))
            || h[..4].SequenceEqual(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 })      // EBML: Matroska / WebM
            || h[..4].SequenceEqual("RIFF"u8)                                    // AVI, WAV
            || h[..4].SequenceEqual(new byte[] { 0x00, 0x00, 0x01, 0xBA })      // MPEG program stream
            || h[..4].SequenceEqual(new byte[] { 0x00, 0x00, 0x01, 0xB3 })      // MPEG video elementary stream
            || h[..3].SequenceEqual("FLV"u8)
            || h[..4].SequenceEqual("OggS"u8)
            || h[..4].SequenceEqual("fLaC"u8)
            || h[..3].SequenceEqual("ID3"u8)
            || h[..4].SequenceEqual("GIF8"u8)
            || h[..4].SequenceEqual(new byte[] { 0x30, 0x26, 0xB2, 0x75 })      // ASF / WMV
            || (h[0] == 0x47 && h.Length >= 1)                                   // MPEG transport stream sync byte
            || (h[0] == 0xFF && (h[1] & 0xE0) == 0xE0);                          // MPEG audio / ADTS frame sync
    }
}
