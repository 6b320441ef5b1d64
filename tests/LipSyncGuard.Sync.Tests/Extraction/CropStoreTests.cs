using LipSyncGuard.Sync.Extraction;
using Xunit;

namespace LipSyncGuard.Sync.Tests.Extraction;

/// <summary>A long face keeps every crop with bounded memory: the frames past the memory budget go to a temporary file
/// that no one can see and that is gone with the store.</summary>
public sealed class CropStoreTests
{
    private const int Size = 8;

    private static byte[] Crop(int frame)
    {
        var crop = new byte[Size * Size * 3];
        new Random(frame).NextBytes(crop);
        return crop;
    }

    [Fact]
    public void Read_AcrossTheMemoryBudget_ReturnsEveryCropAsAdded()
    {
        using var store = new CropStore(Size, memoryFrames: 3);
        for (var t = 0; t < 10; t++) store.Add(Crop(t));

        Assert.Equal(10, store.Count);
        Assert.Equal(7, store.SpilledFrames);
        // One read that starts in memory and ends in the file, and single frames on both sides.
        var span = store.Read(1, 6);
        for (var k = 0; k < 6; k++) Assert.Equal(Crop(1 + k), span.AsSpan(k * store.FrameBytes, store.FrameBytes).ToArray());
        Assert.Equal(Crop(9), store.Read(9, 1));
        Assert.Equal(Crop(0), store.Read(0, 1));
    }

    [Fact]
    public void Add_BeyondTheMemoryBudget_LeavesNoFileInTheTempFolder()
    {
        using var store = new CropStore(Size, memoryFrames: 1);
        for (var t = 0; t < 5; t++) store.Add(Crop(t));

        // Unlinked as soon as it was opened: readable through the store, invisible (and never left behind) on disk.
        Assert.Equal(4, store.SpilledFrames);
        Assert.Equal(Crop(4), store.Read(4, 1));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "lipsyncguard-crops-*"));
    }

    [Fact]
    public void Add_UnboundedBudget_KeepsEverythingInMemory()
    {
        // Training keeps every crop (int.MaxValue frames asked for): the buffer grows with the clip, never overflows.
        using var store = new CropStore(96, memoryFrames: int.MaxValue, expectedFrames: 4);
        for (var t = 0; t < 10; t++) store.Add(new byte[store.FrameBytes]);

        Assert.Equal(10, store.Count);
        Assert.Equal(0, store.SpilledFrames);
    }

    [Fact]
    public void Read_OutsideTheStoredFrames_Throws()
    {
        using var store = new CropStore(Size, memoryFrames: 2);
        for (var t = 0; t < 3; t++) store.Add(Crop(t));

        Assert.Throws<ArgumentOutOfRangeException>(() => store.Read(2, 2));
        Assert.Throws<ArgumentException>(() => store.Add(new byte[5]));
    }

    [Fact]
    public void Read_AfterDispose_Throws()
    {
        var store = new CropStore(Size, memoryFrames: 1);
        for (var t = 0; t < 3; t++) store.Add(Crop(t));

        store.Dispose();

        Assert.Throws<ObjectDisposedException>(() => store.Read(0, 1));
    }
}
