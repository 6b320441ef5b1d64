using Microsoft.Win32.SafeHandles;

namespace LipSyncGuard.Sync.Extraction;

/// <summary>One face track's mouth crops, frame after frame: the first <see cref="MemoryFrames"/> in memory, the rest
/// spilled to a temporary file, so a long face costs bounded memory and still keeps every crop (the detector's windows and
/// the cues read any frame back). The file is unlinked as soon as it is opened (deleted on close where the OS cannot unlink
/// an open file): it never outlives the process, even one that is killed. Dispose to close it.</summary>
public sealed class CropStore : IDisposable
{
    private readonly int _expectedFrames;
    private byte[] _memory = [];
    private SafeFileHandle? _spill;
    private bool _disposed;

    /// <summary>Creates an empty store of <paramref name="size"/>² RGB crops that holds at most
    /// <paramref name="memoryFrames"/> in memory and sizes its buffer once for <paramref name="expectedFrames"/>.</summary>
    public CropStore(int size, int memoryFrames, int expectedFrames = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(memoryFrames, 1);
        Size = size;
        // Never more than one array can hold: an unbounded store spills past ~2 GB rather than fail.
        MemoryFrames = (int)Math.Min(memoryFrames, Array.MaxLength / FrameBytes);
        _expectedFrames = Math.Clamp(expectedFrames, 0, MemoryFrames);
    }

    /// <summary>Side of each crop.</summary>
    public int Size { get; }

    /// <summary>Bytes of one crop (RGB24).</summary>
    public int FrameBytes => Size * Size * 3;

    /// <summary>Most crops held in memory (the budget asked for, or what one array can hold); the rest go to the spill file.</summary>
    public int MemoryFrames { get; }

    /// <summary>Crops stored.</summary>
    public int Count { get; private set; }

    /// <summary>Crops in the spill file (0 while everything fits in memory).</summary>
    public int SpilledFrames => Math.Max(0, Count - MemoryFrames);

    /// <summary>Appends the next frame's crop.</summary>
    public void Add(ReadOnlySpan<byte> crop)
    {
        if (crop.Length != FrameBytes) throw new ArgumentException($"a crop is {FrameBytes} bytes ({Size}² RGB), not {crop.Length}", nameof(crop));
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Count < MemoryFrames)
        {
            var end = (Count + 1) * FrameBytes;
            if (end > _memory.Length)
                Array.Resize(ref _memory, (int)Math.Min((long)MemoryFrames * FrameBytes, Math.Max(end, Math.Max(2L * _memory.Length, (long)_expectedFrames * FrameBytes))));
            crop.CopyTo(_memory.AsSpan(Count * FrameBytes));
        }
        else
        {
            RandomAccess.Write(_spill ??= OpenSpill(), crop, (long)SpilledFrames * FrameBytes);
        }
        Count++;
    }

    /// <summary>Copies crops <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 into
    /// <paramref name="destination"/>. Safe from several threads once adding is done.</summary>
    public void Read(int start, int count, Span<byte> destination)
    {
        if (start < 0 || count < 0 || start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(start), start, $"crops {start}…{start + count - 1} are outside the {Count} stored");
        if (destination.Length < count * FrameBytes) throw new ArgumentException($"{count} crops need {count * FrameBytes} bytes", nameof(destination));
        ObjectDisposedException.ThrowIf(_disposed, this);
        var inMemory = Math.Clamp(MemoryFrames - start, 0, count);
        if (inMemory > 0) _memory.AsSpan(start * FrameBytes, inMemory * FrameBytes).CopyTo(destination);
        if (inMemory == count) return;
        var rest = destination.Slice(inMemory * FrameBytes, (count - inMemory) * FrameBytes);
        var offset = (long)(start + inMemory - MemoryFrames) * FrameBytes;
        while (!rest.IsEmpty)
        {
            var read = RandomAccess.Read(_spill!, rest, offset);
            if (read <= 0) throw new IOException("the crop spill file ended early");
            rest = rest[read..];
            offset += read;
        }
    }

    /// <summary>Crops <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 as a new array.</summary>
    public byte[] Read(int start, int count)
    {
        var result = new byte[count * FrameBytes];
        Read(start, count, result);
        return result;
    }

    private static SafeFileHandle OpenSpill()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lipsyncguard-crops-{Guid.NewGuid():N}.bin");
        var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
        // Unix keeps an unlinked file alive while a handle is open: nothing is left behind whatever happens to the process.
        if (!OperatingSystem.IsWindows()) File.Delete(path);
        return handle;
    }

    /// <summary>Releases the memory and closes (and so removes) the spill file.</summary>
    public void Dispose()
    {
        _disposed = true;
        _spill?.Dispose();
        _memory = [];
    }
}
